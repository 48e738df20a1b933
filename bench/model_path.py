"""4. The model path: Assistant.suggest_with(engine="openai") against the fake OpenAI-compatible server
(tests/fakes/openai_api/) answering every completion after exactly 500 ms (reply_with_delay).

overhead = total − 500 ms: the offline analysis and drafts, redaction, the grounded prompt, the
OpenAI client, parsing, validation, the guard, restoring the customer's details. It is split by the
moment the request reached the fake (Request.at, same monotonic clock): "before" = start → request
received, "after" = answer sent (received + 500 ms) → suggestion returned (the fake's own
serialisation of the answer lands in "after").
Tokens per suggestion come from Suggestion.usage: the fake computes prompt and completion tokens
from text length (about 4 characters a token), and estimated_prompt_tokens is the bot's own estimate.
Target: overhead < 50 ms.
"""

from __future__ import annotations

import time

from bench.common import Context, eval_texts, load_assistant, pcts, row, say, summary

TITLE = "model path overhead (fake model answering in a fixed 500 ms)"
MODEL_SECONDS = 0.5
TARGET_OVERHEAD_MS = 50.0

STYLES = ("empathetic", "concise", "formal")


def _answer(i: int) -> dict:
    """A valid, policy-safe answer of a realistic size (the guard accepts it)."""
    body = ("I'm sorry about the trouble with your order, and I understand how frustrating it is to chase this. "
            "I'm looking into it now with our delivery team and will update you by tomorrow with what I find.")
    return {"replies": [{"style": s, "text": f"Hi, {body} (draft {i}, {s})"} for s in STYLES],
            "boundary": None,
            "questions": ["When did you place the order?", "Which delivery address is on it?"],
            "next_steps": ["Check the courier's tracking", "Set a follow-up for tomorrow"],
            "sources": ["empathy.acknowledge", "followup.commit"]}


def run(ctx: Context) -> dict:
    from fakes.openai_api import FakeOpenAI

    n = 10 if ctx.quick else 30
    texts = [t.text for t in eval_texts(ctx.evaldata) if t.file == "complaints.csv" and len(t.text.strip()) > 40]
    step = max(1, len(texts) // (n + 1))
    texts = texts[::step][:n + 1]

    with FakeOpenAI() as fake:
        assistant = load_assistant(OPENAI_BASE_URL=fake.url, OPENAI_API_KEY="sk-bench", OPENAI_MODEL="bench-model")
        # warm-up: the first call builds the client and opens the connection; reported, not counted
        fake.reply_with_delay(_answer(0), MODEL_SECONDS)
        started = time.monotonic()
        assistant.suggest_with(texts[0], engine="openai")
        first_ms = (time.monotonic() - started) * 1000
        say(f"model_path: first call {first_ms:.0f} ms; {n} timed suggestions")

        totals, before, after, offline, usages, engines, problems = [], [], [], [], [], [], 0
        for i, text in enumerate(texts[1:], start=1):
            t = time.monotonic()
            offline_notes = set(assistant.suggest(text).notes)
            offline.append(time.monotonic() - t)
            seen = len(fake.completions)
            fake.reply_with_delay(_answer(i), MODEL_SECONDS)
            t0 = time.monotonic()
            s = assistant.suggest_with(text, engine="openai")
            t1 = time.monotonic()
            requests = fake.completions[seen:]
            totals.append(t1 - t0)
            if len(requests) == 1:
                before.append(requests[0].at - t0)
                after.append(t1 - (requests[0].at + MODEL_SECONDS))
            engines.append(s.engine)
            usages.append(dict(s.usage or {}))
            problems += bool(set(s.notes) - offline_notes)  # the guard replaced something, or a fallback note

    overhead = summary([x - MODEL_SECONDS for x in totals], 1000, 2)
    total = summary(totals, 1000, 1)
    b, a, off = summary(before, 1000, 2), summary(after, 1000, 2), summary(offline, 1000, 2)
    tokens = {k: summary([u.get(k, 0) for u in usages], 1, 0)
              for k in ("prompt_tokens", "completion_tokens", "estimated_prompt_tokens")}
    openai_count = sum(1 for e in engines if e == "openai")

    rows = [
        row("overhead per suggestion (total − 500 ms)", overhead.get("p99"), "ms", target=TARGET_OVERHEAD_MS,
            shown=pcts(overhead, "ms", ("p50", "p99")),
            note=f"n={overhead['n']}; total p50 {total['p50']:.0f} ms; first call {first_ms:.0f} ms (uncounted); "
                 f"{openai_count}/{len(engines)} answered by the model"),
        row("  before the request reached the model", b.get("p50"), "ms", shown=pcts(b, "ms", ("p50", "p99")),
            note=f"of which the offline suggestion alone ≈ {off['p50']:.1f} ms (p50)"),
        row("  after the model answered", a.get("p50"), "ms", shown=pcts(a, "ms", ("p50", "p99"))),
        row("prompt tokens per suggestion", tokens["prompt_tokens"].get("p50"), "tok",
            shown=pcts(tokens["prompt_tokens"], "tok", ("p50", "max")),
            note=f"bot's estimate p50 {tokens['estimated_prompt_tokens'].get('p50', 0):.0f} · "
                 f"max {tokens['estimated_prompt_tokens'].get('max', 0):.0f} (budget 2,000)"),
        row("completion tokens per suggestion", tokens["completion_tokens"].get("p50"), "tok",
            shown=pcts(tokens["completion_tokens"], "tok", ("p50", "max"))),
    ]
    return {
        "rows": rows,
        "details": {
            "suggestions": len(totals), "model_seconds": MODEL_SECONDS, "first_call_ms": round(first_ms, 1),
            "total_ms": total, "overhead_ms": overhead, "before_request_ms": b, "after_answer_ms": a,
            "offline_suggest_ms": off, "tokens": tokens, "engines": {e: engines.count(e) for e in set(engines)},
            "suggestions_with_guard_notes": problems,
            "usage_note": "the fake counts about 4 characters per token; real tokenizers differ",
        },
    }
