"""2. Cold start of `composure suggest`: `python -m bot suggest --json "..."` as a subprocess, from
process start to the end of its output, N times (a first, uncounted run fills the bytecode cache).

A breakdown explains the figure: the interpreter alone (`python -c pass`), `import bot`,
`import bot.assistant`, `import openai` alone, and the stages inside one process (import, load the
configuration, first suggestion, JSON), each the median of N fresh processes. The environment has
no Slack or model settings, so the offline engine answers, as for a first-time user.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from bench import REPO
from bench.common import Context, clean_env, pcts, row, say, summary

TITLE = "cold start of `python -m bot suggest --json` (subprocess)"
MESSAGE = "My order #4411 still hasn't arrived. Third time I'm writing!! Refund me or I'm leaving for good."

# Run in a fresh interpreter: timings of each stage of one `suggest`, and which heavy modules got loaded.
STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
import bot.assistant
t1 = time.perf_counter()
from bot.assistant import Assistant
a = Assistant.load(dotenv_path=None)
t2 = time.perf_counter()
s = a.suggest_with(sys.argv[1])
t3 = time.perf_counter()
out = json.dumps(s.to_dict(), ensure_ascii=False, indent=2)
t4 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "load_ms": (t2 - t1) * 1e3, "suggest_ms": (t3 - t2) * 1e3,
                  "json_ms": (t4 - t3) * 1e3, "engine": s.engine,
                  "loaded": sorted(m for m in ("openai", "jsonschema", "httpx", "pydantic", "jinja2", "sqlalchemy",
                                               "slack_sdk", "slack_bolt", "tenacity", "dateparser") if m in sys.modules)}))
"""


def _run(argv: list[str], env: dict) -> tuple[float, bytes]:
    """(seconds from process start to the end of its output, the output). The output ends when the
    process closes stdout and stderr, i.e. as it exits."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=120)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])}… exited {proc.returncode}: {err.decode(errors='replace')[-400:]}")
    return seconds, out


def _median_ms(argv: list[str], env: dict, n: int) -> dict:
    return summary([_run(argv, env)[0] for _ in range(n)], 1000, 1)


def run(ctx: Context) -> dict:
    n = 3 if ctx.quick else 10
    env = clean_env()
    py = sys.executable
    cli = [py, "-m", "bot", "suggest", "--json", MESSAGE]

    first, out = _run(cli, env)  # fills __pycache__ if needed; reported, not counted
    parsed = json.loads(out)
    say(f"cold_start: first run {first * 1000:.0f} ms (engine {parsed.get('engine', '?')}); {n} timed runs")
    runs = [_run(cli, env)[0] for _ in range(n)]
    cli_ms = summary(runs, 1000, 1)

    say("cold_start: breakdown (interpreter, imports, stages)")
    floor = _median_ms([py, "-c", "pass"], env, n)
    import_bot = _median_ms([py, "-c", "import bot"], env, n)
    import_assistant = _median_ms([py, "-c", "import bot.assistant"], env, n)
    import_openai = _median_ms([py, "-c", "import openai"], env, n)
    stage_runs = []
    for _ in range(n):
        _, out = _run([py, "-c", STAGES, MESSAGE], env)
        stage_runs.append(json.loads(out.decode().strip().splitlines()[-1]))
    stages = {k: round(statistics.median(r[k] for r in stage_runs), 1)
              for k in ("import_ms", "load_ms", "suggest_ms", "json_ms")}
    loaded = stage_runs[0]["loaded"]

    rows = [
        row("suggest --json, start to output", cli_ms["p50"], "ms", shown=pcts(cli_ms, "ms", ("p50", "p90")),
            note=f"n={n}; first (uncounted) run {first * 1000:.0f} ms; max {cli_ms['max']:.0f} ms"),
        row("  python -c pass (interpreter alone)", floor["p50"], "ms"),
        row("  python -c 'import bot'", import_bot["p50"], "ms", note="the package itself is empty; the cost is below"),
        row("  python -c 'import bot.assistant'", import_assistant["p50"], "ms",
            note=f"in-process: import {stages['import_ms']:.0f} · load config {stages['load_ms']:.0f} · "
                 f"first suggest {stages['suggest_ms']:.0f} · JSON {stages['json_ms']:.0f} ms"),
        row("  python -c 'import openai'", import_openai["p50"], "ms",
            note=("openai is imported by the offline path (" + ", ".join(loaded) + " loaded)")
            if "openai" in loaded else "openai is not imported offline"),
    ]
    return {
        "rows": rows,
        "details": {
            "runs": n, "command": ["python", "-m", "bot", "suggest", "--json", MESSAGE],
            "first_run_ms": round(first * 1000, 1), "cli_ms": cli_ms, "python_c_pass_ms": floor,
            "import_bot_ms": import_bot, "import_bot_assistant_ms": import_assistant, "import_openai_ms": import_openai,
            "in_process_stages_ms_median": stages, "modules_loaded_offline": loaded,
            "engine": parsed.get("engine"),
        },
    }
