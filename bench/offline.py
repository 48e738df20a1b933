"""1. Offline suggestions: Assistant.suggest (analysis + composing) and Assistant.analyze_text on every
row of ../shared/evaldata/*.csv, one message at a time, pinned to one core.

Figures: latency per message (p50/p95/p99/p99.9/max), messages per second on one core, peak RSS
(getrusage ru_maxrss of this child process, which did nothing else), and the slowest messages.
Target: suggest p99 < 50 ms.
"""

from __future__ import annotations

import gc
import os
import time

from bench.common import Context, eval_texts, load_assistant, pcts, peak_rss_mb, row, say, summary

TITLE = "offline suggestions (Assistant.suggest over the evaluation texts)"
TARGET_P99_MS = 50.0

WARM_UP = (
    "My order #4411 still hasn't arrived. Third time I'm writing!!",
    "This is ridiculous, I want a refund today or my lawyer will hear about it.",
    "Thanks, that fixed it.",
)


def _pin_one_core() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})
    return cpus[-1]


def _timed(fn, texts) -> tuple[list[float], list[int], float, float]:
    """Per-message seconds for fn(text) over texts; refused (BadInput) rows are counted, not timed."""
    from bot.errors import BadInput

    latencies, refused = [], []
    clock = time.perf_counter
    cpu0, wall0 = time.process_time(), clock()
    for index, item in enumerate(texts):
        started = clock()
        try:
            fn(item.text)
        except BadInput:
            refused.append(index)
            continue
        latencies.append(clock() - started)
    return latencies, refused, clock() - wall0, time.process_time() - cpu0


def run(ctx: Context) -> dict:
    cpu = _pin_one_core()
    rss_start = peak_rss_mb()
    started = time.perf_counter()
    import bot.assistant  # noqa: F401  (timed apart from reading the configuration)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    assistant = load_assistant()
    load_seconds = time.perf_counter() - started
    rss_loaded = peak_rss_mb()

    texts = eval_texts(ctx.evaldata)
    total_rows = len(texts)
    if ctx.quick:
        texts = texts[::10]
    say(f"offline: {len(texts):,} of {total_rows:,} texts, pinned to CPU {cpu}")

    for text in WARM_UP:
        assistant.suggest(text)
    gc.collect()

    lat, refused, wall, cpu_seconds = _timed(assistant.suggest, texts)
    say(f"offline: suggest done in {wall:.1f}s")
    a_lat, _, a_wall, _ = _timed(assistant.analyze_text, texts)
    say(f"offline: analysis-only done in {a_wall:.1f}s")

    s = summary(lat, 1000)
    a = summary(a_lat, 1000)
    skipped = set(refused)
    timed = [t for i, t in enumerate(texts) if i not in skipped]
    slowest = sorted(zip(lat, timed), key=lambda p: p[0], reverse=True)[:5]
    rate = len(lat) / wall if wall else 0.0

    rows = [
        row("suggest latency per message", s.get("p99"), "ms", target=TARGET_P99_MS,
            shown=pcts(s, "ms", ("p50", "p95", "p99")), note=f"n={s['n']:,}; p99.9 {s['p99.9']:.1f}, max {s['max']:.1f} ms"),
        row("suggest throughput, one core", round(rate, 1), "msg/s", note=f"CPU/wall {cpu_seconds / wall:.2f}"),
        row("analysis-only latency", a.get("p99"), "ms", shown=pcts(a, "ms"),
            note=f"composing ≈ {s['p50'] - a['p50']:.1f} ms of the p50"),
        row("peak RSS (ru_maxrss)", round(peak_rss_mb(), 1), "MB",
            note=f"{rss_loaded:.0f} MB after load; {rss_start:.0f} MB before"),
        row("Assistant.load (config + content)", round(load_seconds * 1000, 1), "ms",
            note=f"after {import_seconds * 1000:.0f} ms to import bot.assistant"),
    ]
    return {
        "rows": rows,
        "details": {
            "texts_total": total_rows, "texts_measured": len(texts), "refused_bad_input": len(refused),
            "cpu_pinned": cpu, "suggest_ms": s, "analysis_ms": a, "suggest_wall_seconds": round(wall, 3),
            "suggest_cpu_seconds": round(cpu_seconds, 3), "messages_per_second": round(rate, 1),
            "analysis_messages_per_second": round(len(a_lat) / a_wall, 1) if a_wall else None,
            "peak_rss_mb": round(peak_rss_mb(), 1), "rss_after_load_mb": round(rss_loaded, 1),
            "rss_before_load_mb": round(rss_start, 1), "assistant_load_ms": round(load_seconds * 1000, 1),
            "import_bot_assistant_ms": round(import_seconds * 1000, 1),
            "slowest": [{"ms": round(t * 1000, 2), "file": x.file, "row": x.row, "chars": len(x.text)}
                        for t, x in slowest],
        },
    }
