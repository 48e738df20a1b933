"""Slack's Block Kit limits, and the only code that enforces them.

Renderers never cut text themselves: they call `clip` (one field, visible note),
`split_text` (long content over several blocks, nothing lost) and `cap_blocks` (whole
surface, visible note). Numbers are from Slack's Block Kit reference (docs.slack.dev).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

# Text objects and blocks
TEXT_OBJECT = 3000          # any plain_text / mrkdwn text object
SECTION_TEXT = 3000
SECTION_FIELD_TEXT = 2000
SECTION_FIELDS = 10
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
CONTEXT_TEXT = TEXT_OBJECT
BLOCK_ID = 255

# Interactive elements
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
BUTTON_URL = 3000
ACTION_ID = 255
ACTIONS_ELEMENTS = 25

# Surfaces
MESSAGE_BLOCKS = 50
STREAM_MARKDOWN = 12000     # markdown_text of one chat.startStream / appendStream / stopStream call
VIEW_BLOCKS = 100           # modals and Home tabs
MODAL_TITLE = 24
MODAL_BUTTON = 24           # submit and close
CALLBACK_ID = 255
PRIVATE_METADATA = 3000

# Inputs
INPUT_LABEL = 2000
INPUT_HINT = 2000
INPUT_PLACEHOLDER = 150
PLAIN_TEXT_INPUT_MAX = 3000  # plain_text_input max_length accepts 1..3000

# Our own ceilings, stricter than Slack's documented ones
FALLBACK_TEXT = 3000        # a message's notification `text`; Slack truncates at 40,000
# chat.postMessage rejects messages whose blocks hold roughly 12,000 characters of text in
# total (msg_blocks_too_long; undocumented, see slackapi/bolt-js#2509 and #2867), so a
# message keeps its summed text under this, with room for the containers.
MESSAGE_TEXT_BUDGET = 10_000
_NOTE_RESERVE = 400         # text kept free for the "left out" note itself

TRIM_NOTE = " …(trimmed)"


def clip(text: str, limit: int, note: str = TRIM_NOTE) -> str:
    """`text` if it fits, else cut at a word boundary with `note` appended so the cut shows."""
    if len(text) <= limit:
        return text
    if limit <= len(note):
        return _safe_cut(text, limit)
    return _cut_at_break(text, limit - len(note), (" ", "\n")).rstrip() + note


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into non-empty chunks of at most `limit` characters, losing no words.

    Breaks at a paragraph, else a line, else a space; a single word longer than `limit`
    is cut (never inside an HTML entity such as `&amp;`). Only whitespace at a break goes.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks, rest = [], text.strip()
    while len(rest) > limit:
        head = _cut_at_break(rest, limit, ("\n\n", "\n", " ")).rstrip()
        chunks.append(head)
        rest = rest[len(head):].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def require_within(value: str, limit: int, what: str) -> str:
    """For identifiers (ids, values, metadata): cutting would corrupt them, so refuse."""
    if len(value) > limit:
        raise ValueError(f"{what} is {len(value)} characters; Slack allows {limit}")
    return value


def text_length(obj: Any) -> int:
    """Characters of text in a block tree: every `text` string, at any depth."""
    if isinstance(obj, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else text_length(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return sum(text_length(v) for v in obj)
    return 0


def cap_blocks(blocks: Sequence[dict], limit: int, note_block: dict | Callable[[list[dict]], dict], *,
               keep_tail: int = 0, text_budget: int | None = None) -> list[dict]:
    """Keep a surface within `limit` blocks (and `text_budget` characters of text, if given).

    When something must go, blocks are dropped from the end of the body, the last
    `keep_tail` blocks (e.g. the buttons) always stay, and `note_block` (or
    `note_block(dropped)`) is put before them so the reader sees what was left out.
    """
    blocks = list(blocks)
    if len(blocks) <= limit and (text_budget is None or text_length(blocks) <= text_budget):
        return blocks
    split_at = len(blocks) - keep_tail
    body, tail = blocks[:split_at], blocks[split_at:]
    room = limit - 1 - len(tail)
    budget = None if text_budget is None else text_budget - text_length(tail) - _NOTE_RESERVE
    kept, used = [], 0
    for block in body:
        size = text_length(block)
        if len(kept) >= room or (budget is not None and used + size > budget):
            break
        kept.append(block)
        used += size
    dropped = body[len(kept):]
    while kept and kept[-1].get("type") == "divider":
        kept.pop()
    note = note_block(dropped) if callable(note_block) else note_block
    return kept + [note] + tail


def _cut_at_break(text: str, limit: int, breaks: Sequence[str]) -> str:
    """The longest prefix of at most `limit` characters that ends at one of `breaks`
    (tried in order, accepted if it keeps at least a third of the room), else a hard cut."""
    window = text[:limit + 1]
    for mark in breaks:
        at = window.rfind(mark, 0, limit + 1)
        if at >= max(1, limit // 3):
            return text[:at]
    return _safe_cut(text, limit)


def _safe_cut(text: str, limit: int) -> str:
    """A hard cut that does not split an HTML entity (`&amp;`, `&lt;`, `&gt;`)."""
    head = text[:limit]
    amp = head.rfind("&", max(0, limit - 4))
    if amp > 0 and ";" not in head[amp:]:
        head = head[:amp]
    return head
