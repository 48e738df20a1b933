"""Block Kit renderers, tested on structure: block types, ids, values and lengths.

The limits below are copied from Slack's Block Kit reference on purpose, not imported
from `bot.slack.limits`, so a wrong constant there cannot hide behind its own test.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta, timezone

import pytest

from bot.escalation import Situation
from bot.slack import blocks as B
from bot.slack import limits as L
from bot.suggestion import Evidence, Reply, SignalHit

CUSTOMER = "You idiots lost my parcel AGAIN, refund me today or I'm calling my lawyer"
INJECTION = "<!channel> & <@U1>"
ESCAPED_INJECTION = "&lt;!channel&gt; &amp; &lt;@U1&gt;"

# Slack's documented limits (docs.slack.dev, Block Kit reference)
TEXT_OBJECT_MAX = 3000
FIELD_LIMITS = {  # block or element type -> field -> max characters of its text
    "header": {"text": 150},
    "section": {"text": 3000},
    "button": {"text": 75, "value": 2000, "url": 3000},
    "input": {"label": 2000, "hint": 2000},
    "plain_text_input": {"placeholder": 150},
    "modal": {"title": 24, "submit": 24, "close": 24, "private_metadata": 3000, "callback_id": 255},
}
COUNT_LIMITS = {"context": ("elements", 10), "actions": ("elements", 25), "section": ("fields", 10)}
ID_FIELDS = {"block_id": 255, "action_id": 255}
MESSAGE_BLOCKS, VIEW_BLOCKS = 50, 100
# The only markup our text may contain: dates, and plain user / channel references.
ALLOWED_MARKUP = re.compile(r"<!date\^\d+\^[^|>]+\|[^>]+>|<@[UW][A-Z0-9]+>|<#[CG][A-Z0-9]+(\|[^<>]*)?>")


def _length(value) -> int:
    return len(value["text"]) if isinstance(value, dict) else len(str(value))


def check_tree(node, path: str = "") -> None:
    """Walk any block tree and assert every known field is within Slack's limits."""
    if isinstance(node, list):
        for i, child in enumerate(node):
            check_tree(child, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    for field, limit in FIELD_LIMITS.get(kind, {}).items():
        if field in node:
            assert _length(node[field]) <= limit, f"{path}.{field} longer than {limit}"
    if kind in COUNT_LIMITS:
        field, most = COUNT_LIMITS[kind]
        assert 1 <= len(node.get(field, [1])) <= most, f"{path}.{field} has more than {most} items"
    if kind in ("plain_text", "mrkdwn"):
        assert 1 <= len(node["text"]) <= TEXT_OBJECT_MAX, f"{path} text length {len(node['text'])}"
    if kind == "mrkdwn":
        assert node.get("verbatim") is True, f"{path}: user text must not be auto-parsed"
        for markup in re.findall(r"<[^>]*>", node["text"]):
            assert ALLOWED_MARKUP.fullmatch(markup), f"{path}: unexpected markup {markup!r}"
    if kind == "plain_text_input" and "max_length" in node:
        assert 1 <= node["max_length"] <= 3000
    for key, value in node.items():
        if key in ID_FIELDS:
            assert 0 < len(value) <= ID_FIELDS[key], f"{path}.{key} too long"
        check_tree(value, f"{path}.{key}")


def check_surface(blocks: list[dict], max_blocks: int) -> None:
    assert 1 <= len(blocks) <= max_blocks
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    assert len(ids) == len(set(ids)), "block_ids must be unique on a surface"
    action_ids = [e["action_id"] for b in blocks for e in b.get("elements", []) if "action_id" in e]
    assert len(action_ids) == len(set(action_ids))
    check_tree(blocks, "blocks")


def by_id(blocks: list[dict]) -> dict[str, dict]:
    return {b["block_id"]: b for b in blocks if "block_id" in b}


def all_text(obj) -> str:
    if isinstance(obj, dict):
        return "\n".join(all_text(v) if k != "text" or not isinstance(v, str) else v for k, v in obj.items())
    if isinstance(obj, list):
        return "\n".join(all_text(v) for v in obj)
    return ""


def parts(blocks: list[dict], block_id: str) -> list[dict]:
    """A section and its continuations (`x`, `x_2`, `x_3`…), in order."""
    return [b for b in blocks if re.fullmatch(rf"{block_id}(_\d+)?", b.get("block_id", ""))]


@pytest.fixture(scope="module")
def suggestion(assistant):
    return assistant.suggest(CUSTOMER)


@pytest.fixture(scope="module")
def letting_go(assistant):
    g = assistant.escalate("customer swore at agents again, unpaid invoices for months")
    assert g.letting_go is not None
    return g


@pytest.fixture(scope="module")
def no_escalation(assistant):
    g = assistant.escalate("Customer asked how to change the delivery address on an order.")
    assert g.letting_go is None and not g.escalate
    return g


# --- limits ----------------------------------------------------------------------

def test_limit_constants_match_slack_reference():
    assert (L.SECTION_TEXT, L.HEADER_TEXT, L.CONTEXT_ELEMENTS, L.CONTEXT_TEXT) == (3000, 150, 10, 3000)
    assert (L.BUTTON_TEXT, L.BUTTON_VALUE, L.ACTION_ID, L.BLOCK_ID) == (75, 2000, 255, 255)
    assert (L.MESSAGE_BLOCKS, L.VIEW_BLOCKS, L.MODAL_TITLE, L.MODAL_BUTTON) == (50, 100, 24, 24)
    assert (L.INPUT_LABEL, L.PLAIN_TEXT_INPUT_MAX, L.INPUT_PLACEHOLDER) == (2000, 3000, 150)


def test_clip_cuts_at_a_word_with_a_visible_note():
    text = "word " * 100
    clipped = L.clip(text, 60)
    assert len(clipped) <= 60 and clipped.endswith(L.TRIM_NOTE)
    assert clipped[: -len(L.TRIM_NOTE)].split() == ["word"] * len(clipped[: -len(L.TRIM_NOTE)].split())
    assert L.clip("short", 60) == "short"


def test_clip_and_split_never_break_an_entity():
    escaped = B.escape_mrkdwn("<" * 1000)
    for chunk in L.split_text(escaped, 97):
        assert len(chunk) <= 97 and re.fullmatch(r"(&lt;)+", chunk)
    assert re.fullmatch(r"(&lt;)+ …\(trimmed\)", L.clip(escaped, 50))


def test_split_text_keeps_every_word_in_order():
    text = "\n\n".join(" ".join(f"p{p}w{w}" for w in range(120)) for p in range(30))
    chunks = L.split_text(text, 500)
    assert all(0 < len(c) <= 500 for c in chunks)
    assert " ".join(chunks).split() == text.split()


def test_cap_blocks_keeps_the_tail_and_says_what_went():
    body = [{"type": "section", "block_id": f"s{i}", "text": {"type": "mrkdwn", "text": "x"}} for i in range(70)]
    tail = [{"type": "actions", "block_id": "buttons", "elements": []}]
    capped = L.cap_blocks(body + tail, 50, lambda dropped: {"type": "context", "dropped": len(dropped)}, keep_tail=1)
    assert len(capped) == 50 and capped[-1]["block_id"] == "buttons"
    assert capped[-2] == {"type": "context", "dropped": 22}
    assert L.cap_blocks(body[:3], 50, {"type": "context"}) == body[:3]


def test_identifiers_are_refused_not_truncated(suggestion):
    with pytest.raises(ValueError):
        B.suggestion_blocks(suggestion, "x" * 2001)
    with pytest.raises(ValueError):
        B.escalate_modal("m" * 3001)


# --- suggestions -----------------------------------------------------------------

def test_suggestion_structure(suggestion):
    blocks = B.suggestion_blocks(suggestion, "sug-1")
    check_surface(blocks, MESSAGE_BLOCKS)
    ids = by_id(blocks)
    assert blocks[0]["type"] == "header" and "Suggested reply" in blocks[0]["text"]["text"]
    assert "Critical" in blocks[0]["text"]["text"]
    for block_id in ("analysis", "draft_empathetic", "draft_concise", "draft_formal", "boundary",
                     "questions", "next_steps"):
        assert ids[block_id]["type"] == "section", block_id
    assert ids["sources"]["type"] == "context" and "escalation.legal" in all_text(ids["sources"])
    assert [b["block_id"] for b in blocks[-2:]] == ["actions_tone", "actions_feedback"]
    tone = [(e["action_id"], e["text"]["text"], e["value"]) for e in ids["actions_tone"]["elements"]]
    assert tone == [("tone_warmer", "Warmer", "sug-1"), ("tone_firmer", "Firmer", "sug-1"), ("tone_shorter", "Shorter", "sug-1")]
    feedback = {e["action_id"]: (e["text"]["text"], e["value"]) for e in ids["actions_feedback"]["elements"]}
    assert feedback == {"feedback_helpful": ("👍 Helpful", "sug-1"), "feedback_not_helpful": ("👎 Not helpful", "sug-1"),
                        "followup_from_suggestion": ("Follow up…", "sug-1")}
    assert "left_out" not in ids and "notice" not in ids


def test_analysis_quotes_the_evidence_of_each_signal(suggestion):
    analysis = by_id(B.suggestion_blocks(suggestion, "sug-1"))["analysis"]["text"]["text"]
    a = suggestion.analysis
    assert a.severity in analysis and "delivery" in analysis and "legal" in analysis
    for hit in a.signals:  # each signal with (the start of) its own evidence, quoted
        line = next(line for line in analysis.splitlines() if f"*{hit.name}*" in line)
        first = hit.quotes()[0]
        assert f"“{B.escape_mrkdwn(first)[:40]}" in line
    assert "lawyer" in analysis and "idiot" in analysis


def test_drafts_are_copyable_text_with_their_style_labelled(suggestion):
    ids = by_id(B.suggestion_blocks(suggestion, "sug-1"))
    for reply in suggestion.replies:
        section = ids[f"draft_{reply.style}"]["text"]["text"]
        assert section == B.escape_mrkdwn(reply.text) and "```" not in section
        assert reply.style.capitalize() in all_text(ids[f"draft_{reply.style}_label"])


def test_boundary_shows_its_level_and_is_absent_when_none(suggestion):
    boundary = by_id(B.suggestion_blocks(suggestion, "s"))["boundary"]["text"]["text"]
    assert f"level {suggestion.boundary.level} of 3" in boundary
    assert B.escape_mrkdwn(suggestion.boundary.text) in boundary
    without = B.suggestion_blocks(dataclasses.replace(suggestion, boundary=None), "s")
    check_surface(without, MESSAGE_BLOCKS)
    assert "boundary" not in by_id(without)


def test_questions_are_bullets_and_next_steps_a_checklist(suggestion):
    ids = by_id(B.suggestion_blocks(suggestion, "s"))
    assert ids["questions"]["text"]["text"].count("\n• ") == len(suggestion.questions)
    assert ids["next_steps"]["text"]["text"].count("\n☐ ") == len(suggestion.next_steps)


def test_notice_and_notes_are_context(suggestion):
    noted = dataclasses.replace(suggestion, notes=("The model was unavailable; these are offline drafts.",))
    blocks = B.suggestion_blocks(noted, "s", notice="Couldn't post privately in <#C123>, so here it is in a DM")
    ids = by_id(blocks)
    assert ids["notes"]["type"] == "context" and "offline drafts" in all_text(ids["notes"])
    assert ids["notice"]["type"] == "context" and "<#C123>" in all_text(ids["notice"])
    check_surface(blocks, MESSAGE_BLOCKS)


def test_a_5000_character_draft_is_split_not_cut(suggestion):
    long_text = "\n\n".join(" ".join(f"sentence{p}-{w}" for w in range(60)) for p in range(8))[:5000]
    assert len(long_text) == 5000
    s = dataclasses.replace(suggestion, replies=(Reply("empathetic", long_text), *suggestion.replies[1:]))
    blocks = B.suggestion_blocks(s, "s")
    check_surface(blocks, MESSAGE_BLOCKS)
    pieces = parts(blocks, "draft_empathetic")
    assert len(pieces) >= 2 and all(len(p["text"]["text"]) <= 3000 for p in pieces)
    assert " ".join(p["text"]["text"] for p in pieces).split() == long_text.split()
    assert "2 parts" in all_text(by_id(blocks)["draft_empathetic_label"])
    assert "left_out" not in by_id(blocks)
    assert {"draft_concise", "draft_formal", "actions_tone", "actions_feedback"} <= set(by_id(blocks))


def test_80_next_steps_stay_within_the_message_limits_with_a_visible_note(suggestion):
    steps = tuple(f"Step {i}: " + "check the order history and write down what was promised " * 3 for i in range(80))
    blocks = B.suggestion_blocks(dataclasses.replace(suggestion, next_steps=steps), "s")
    check_surface(blocks, MESSAGE_BLOCKS)
    assert L.text_length(blocks) <= L.MESSAGE_TEXT_BUDGET
    ids = by_id(blocks)
    assert ids["left_out"]["type"] == "context" and "next steps" in all_text(ids["left_out"])
    assert [b["block_id"] for b in blocks[-3:]] == ["left_out", "actions_tone", "actions_feedback"]
    assert "draft_formal" in ids and "next_steps" in ids  # the drafts and the first steps are kept


def test_80_short_next_steps_all_show(suggestion):
    steps = tuple(f"Step {i}" for i in range(80))
    blocks = B.suggestion_blocks(dataclasses.replace(suggestion, next_steps=steps), "s")
    check_surface(blocks, MESSAGE_BLOCKS)
    assert "left_out" not in by_id(blocks) and all_text(blocks).count("☐ Step ") == 80


def test_many_signals_and_drafts_never_exceed_50_blocks(suggestion):
    replies = tuple(Reply(f"style{i}", f"Draft {i}") for i in range(60))
    blocks = B.suggestion_blocks(dataclasses.replace(suggestion, replies=replies), "s")
    check_surface(blocks, MESSAGE_BLOCKS)
    assert by_id(blocks)["left_out"] and blocks[-1]["block_id"] == "actions_feedback"


def test_customer_text_cannot_create_mentions(suggestion):
    hit = SignalHit("anger", 1.0, (Evidence("cue", INJECTION, 0),))
    analysis = dataclasses.replace(suggestion.analysis, signals=(hit,), root_cause_evidence=(INJECTION,))
    s = dataclasses.replace(suggestion, analysis=analysis, replies=(Reply("empathetic", f"You said {INJECTION}"),),
                            next_steps=(INJECTION,), questions=(INJECTION,), notes=(INJECTION,))
    blocks = B.suggestion_blocks(s, "s")
    check_surface(blocks, MESSAGE_BLOCKS)  # also rejects any unexpected <…> markup
    text = all_text(blocks)
    assert "<!channel>" not in text and "<@U1>" not in text
    assert by_id(blocks)["draft_empathetic"]["text"]["text"] == f"You said {ESCAPED_INJECTION}"
    assert ESCAPED_INJECTION in by_id(blocks)["analysis"]["text"]["text"]
    assert "<!channel>" not in B.suggestion_text(s) and "<@U1>" not in B.suggestion_text(s)


def test_suggestion_text_is_a_short_fallback(suggestion):
    text = B.suggestion_text(suggestion)
    assert text.startswith("Suggested reply (critical)") and "threat legal" in text and "Hi there" in text
    huge = dataclasses.replace(suggestion, replies=(Reply("concise", "word " * 5000),))
    assert len(B.suggestion_text(huge)) <= 3000


# --- small messages --------------------------------------------------------------

def test_placeholder_notice_and_refusal():
    for blocks in (B.placeholder_blocks(), B.notice_blocks("Something went wrong (ref ab12)."),
                   B.refusal_for_escalate("members of @support-leads")):
        check_surface(blocks, MESSAGE_BLOCKS)
    assert "Reading the message…" in all_text(B.placeholder_blocks())
    notice = all_text(B.notice_blocks(f"Couldn't post in <#C123>; {INJECTION}"))
    assert "<#C123>" in notice and "&lt;!channel&gt;" in notice
    refusal = all_text(B.refusal_for_escalate("members of @support-leads"))
    assert "/escalate" in refusal and "members of @support-leads" in refusal


# --- escalation guidance ---------------------------------------------------------

def test_guidance_with_letting_go(letting_go):
    blocks = B.guidance_blocks(letting_go, "guid-1")
    check_surface(blocks, MESSAGE_BLOCKS)
    ids = by_id(blocks)
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Escalation guidance"
    verdict = ids["verdict"]["text"]["text"]
    assert "Escalate now" in verdict and letting_go.to in verdict and "#support-escalations" in verdict
    assert letting_go.severity in verdict and "repeat contact" in verdict
    assert ids["document"]["text"]["text"].count("☐ ") == len(letting_go.document)
    assert "Customer: (not given)" in ids["handoff"]["text"]["text"]
    assert B.escape_mrkdwn(letting_go.tell_customer) in ids["tell_customer"]["text"]["text"]
    closing = " ".join(p["text"]["text"] for p in parts(blocks, "closing_message"))
    assert closing.split() == B.escape_mrkdwn(letting_go.letting_go.closing_message).split()
    assert {"letting_go", "alternatives", "letting_go_document", "sources"} <= set(ids)
    assert "chronic non-payment" in ids["letting_go"]["text"]["text"]
    share = ids["actions_escalation"]["elements"]
    assert [(e["action_id"], e["text"]["text"], e["value"], e.get("style")) for e in share] == [
        ("share_escalation", "Share to escalation channel", "guid-1", "primary")]


def test_guidance_without_letting_go_and_not_shareable(no_escalation):
    blocks = B.guidance_blocks(no_escalation, "guid-2", shareable=False)
    check_surface(blocks, MESSAGE_BLOCKS)
    ids = by_id(blocks)
    assert "No escalation needed" in ids["verdict"]["text"]["text"]
    assert not {"letting_go", "closing_message", "alternatives", "actions_escalation"} & set(ids)
    assert {"handoff", "tell_customer", "document"} <= set(ids)
    assert "actions_escalation" in by_id(B.guidance_blocks(no_escalation, "guid-2"))


def test_long_closing_message_is_split(letting_go):
    long_close = dataclasses.replace(letting_go.letting_go, closing_message="We are sorry to part. " * 300)
    blocks = B.guidance_blocks(dataclasses.replace(letting_go, letting_go=long_close), "g")
    check_surface(blocks, MESSAGE_BLOCKS)
    assert len(parts(blocks, "closing_message")) >= 3
    assert blocks[-1]["block_id"] == "actions_escalation"


def test_handoff_message_is_attributed_and_never_carries_the_closing_message(letting_go, no_escalation):
    blocks = B.handoff_message_blocks(letting_go, "U0LEAD1")
    check_surface(blocks, MESSAGE_BLOCKS)
    text = all_text(blocks)
    assert "Shared by <@U0LEAD1>" in by_id(blocks)["shared_by"]["text"]["text"]
    assert "Why escalate: abusive" in text
    assert "repeated abuse of staff" in by_id(blocks)["letting_go_reasons"]["text"]["text"]
    assert "Dear [customer name]" not in text and "effective [date" not in text
    assert "letting_go_reasons" not in by_id(B.handoff_message_blocks(no_escalation, "U0LEAD1"))
    fallback = B.handoff_message_text(letting_go, "U0LEAD1")
    assert fallback.startswith("Shared by <@U0LEAD1>") and len(fallback) <= 3000


def test_guidance_escapes_what_the_lead_typed(assistant):
    g = assistant.escalate(Situation(customer=INJECTION, what_happened=f"He swore at the agent {INJECTION}"))
    for blocks in (B.guidance_blocks(g, "g"), B.handoff_message_blocks(g, "U0LEAD1")):
        check_surface(blocks, MESSAGE_BLOCKS)
        assert "<!channel>" not in all_text(blocks) and "<@U1>" not in all_text(blocks)
    assert "<!channel>" not in B.handoff_message_text(g, "<!channel>")


# --- modal and App Home ----------------------------------------------------------

def test_escalate_modal():
    view = B.escalate_modal("C123|1700000000.0001")
    check_tree(view, "view")
    assert view["type"] == "modal" and view["callback_id"] == "escalate_modal"
    assert view["title"]["text"] == "Escalation guidance" and len(view["title"]["text"]) <= 24
    assert (view["submit"]["text"], view["close"]["text"]) == ("Get guidance", "Cancel")
    assert view["private_metadata"] == "C123|1700000000.0001"
    inputs = {b["block_id"]: b for b in view["blocks"]}
    assert list(inputs) == ["customer", "what_happened", "wants", "history"]
    assert all(b["type"] == "input" and b["element"]["type"] == "plain_text_input" for b in inputs.values())
    assert all(b["element"]["action_id"] == "value" for b in inputs.values())
    assert {k: b["optional"] for k, b in inputs.items()} == {"customer": True, "what_happened": False, "wants": True, "history": True}
    assert all(inputs[k]["element"]["multiline"] for k in ("what_happened", "wants", "history"))


def _recent(n: int) -> list[dict]:
    now = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)
    kinds = ("suggestion", "escalation", "feedback")
    return [{"when": now - timedelta(hours=i), "kind": kinds[i % 3], "summary": f"item {i} {INJECTION}"} for i in range(n)]


def test_home_view_when_empty():
    view = B.home_view([], is_lead=False)
    assert view["type"] == "home"
    check_surface(view["blocks"], VIEW_BLOCKS)
    text = all_text(view)
    assert "Nothing yet" in text
    for surface in ("Suggest a reply", "/escalate", "/followup", "Follow up on this", "forward"):
        assert surface in text
    assert "for team leads" in text


def test_home_view_with_activity_and_extra_blocks():
    recent = _recent(3)
    view = B.home_view(recent, is_lead=True, extra_blocks=[{"type": "section", "block_id": "followups",
                                                             "text": {"type": "mrkdwn", "text": "x", "verbatim": True}}])
    check_surface(view["blocks"], VIEW_BLOCKS)
    text = all_text(view)
    unix = int(recent[0]["when"].timestamp())
    assert f"<!date^{unix}^{{date_short_pretty}} {{time}}|2025-03-14 09:30 UTC>" in text
    assert "Suggestion" in text and "Escalation" in text and "Feedback" in text
    assert text.index("item 0") < text.index("item 1")  # newest first, as given
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert view["blocks"][-1]["block_id"] == "followups"
    assert "Nothing yet" not in text


def test_home_view_caps_at_100_blocks_with_a_note():
    extra = [{"type": "section", "block_id": f"f{i}", "text": {"type": "mrkdwn", "text": f"f{i}", "verbatim": True}}
             for i in range(150)]
    view = B.home_view(_recent(200), is_lead=False, extra_blocks=extra)
    check_surface(view["blocks"], VIEW_BLOCKS)
    assert len(view["blocks"]) == VIEW_BLOCKS
    assert view["blocks"][-1]["block_id"] == "left_out" and "Home tab" in all_text(view["blocks"][-1])
    assert "earlier" in all_text(view)
