"""python -m bench [--quick] [--only NAME[,NAME]] [--strict] [--out FILE] [--evaldata DIR] [--list]

Runs each measurement in its own child process (`python -m bench --child NAME`), prints one table,
and writes the same figures with machine information to bench/results/latest.json.
Ctrl-C stops the measurement under way; its servers (fake Slack, fake model, waitress, PostgreSQL)
are stopped before the command exits, and the figures gathered so far are still written.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench import MEASUREMENTS, REPO, RESULTS
from bench.common import DEFAULT_EVALDATA, Context, machine_info

# How long one measurement may take before it is stopped (seconds).
TIME_LIMIT = {"quick": 600, "full": 1500}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description="Composure's benchmarks: one table, and the "
                                "same figures as JSON in bench/results/latest.json.")
    p.add_argument("--quick", action="store_true", help="smaller sizes for a fast check (CI): about 2 minutes")
    p.add_argument("--only", action="append", metavar="NAME",
                   help=f"run only these measurements (repeat or comma-separate): {', '.join(MEASUREMENTS)}")
    p.add_argument("--list", action="store_true", help="list the measurements and exit")
    p.add_argument("--out", type=Path, help="also write the JSON here")
    p.add_argument("--evaldata", type=Path, default=DEFAULT_EVALDATA,
                   help=f"directory of the evaluation CSVs (default {DEFAULT_EVALDATA})")
    p.add_argument("--strict", action="store_true", help="exit 3 when a figure misses its target")
    p.add_argument("--child", metavar="NAME", help=argparse.SUPPRESS)
    p.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    return p


def _selected(only: list[str] | None) -> list[str]:
    if not only:
        return list(MEASUREMENTS)
    names = [n.strip() for item in only for n in item.split(",") if n.strip()]
    unknown = [n for n in names if n not in MEASUREMENTS]
    if unknown:
        raise SystemExit(f"bench: unknown measurement {', '.join(unknown)}; choose from {', '.join(MEASUREMENTS)}")
    return [n for n in MEASUREMENTS if n in names]


# ------------------------------------------------------------------------------------ child side

def _stop_once(signum, _frame) -> None:
    """The first SIGINT/SIGTERM interrupts the measurement; later ones are ignored so that the
    clean-up (closing servers, stopping PostgreSQL) runs to the end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt(f"signal {signum}")


def _child(name: str, ctx: Context, result_file: Path) -> int:
    signal.signal(signal.SIGINT, _stop_once)
    signal.signal(signal.SIGTERM, _stop_once)
    module = importlib.import_module(f"bench.{name}")
    started = time.monotonic()
    try:
        result = module.run(ctx)
        status = 0
    except KeyboardInterrupt:  # keep what the measurement had finished (ctx.partial)
        result, status = {**ctx.partial, "error": "interrupted"}, 130
    except Exception as exc:  # noqa: BLE001 - report it in the table, keep the other measurements going
        traceback.print_exc()
        result, status = {**ctx.partial, "error": f"{type(exc).__name__}: {exc}"}, 1
    result = {"title": getattr(module, "TITLE", name), "seconds": round(time.monotonic() - started, 1), **result}
    result_file.write_text(json.dumps(result, indent=2, default=str))
    return status


# ------------------------------------------------------------------------------------ parent side

def _on_term(signum, _frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _run_child(name: str, args) -> tuple[dict, bool]:
    """Run one measurement in a child process; (result, interrupted)."""
    with tempfile.TemporaryDirectory(prefix="composure-bench-") as tmp:
        result_file = Path(tmp) / "result.json"
        argv = [sys.executable, "-m", "bench", "--child", name, "--result-file", str(result_file),
                "--evaldata", str(args.evaldata)] + (["--quick"] if args.quick else [])
        proc = subprocess.Popen(argv, cwd=REPO)
        interrupted = False
        try:
            proc.wait(timeout=TIME_LIMIT["quick" if args.quick else "full"])
        except subprocess.TimeoutExpired:
            print(f"bench: {name} ran over its time limit; stopping it", file=sys.stderr)
            _stop_child(proc)
        except KeyboardInterrupt:
            interrupted = True
            _stop_child(proc)
        interrupted = interrupted or proc.returncode in (130, -signal.SIGINT)
        if result_file.exists():
            try:
                return json.loads(result_file.read_text()), interrupted
            except json.JSONDecodeError:
                pass
        return {"title": name, "error": "interrupted" if interrupted else f"child exited with {proc.returncode}"}, \
            interrupted


def _stop_child(proc: subprocess.Popen) -> None:
    """SIGINT (the child cleans up: servers, PostgreSQL), then SIGTERM, then SIGKILL."""
    for sig, grace in ((signal.SIGINT, 90), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if proc.poll() is not None:
            return
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            return
        while True:
            try:
                proc.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                break
            except KeyboardInterrupt:  # another Ctrl-C while waiting: keep waiting for the clean-up
                continue


def _table(results: dict, header: str) -> str:
    lines = [header, ""]
    cols = ("metric", "value", "target", "ratio", "")
    body = []
    for name, result in results.items():
        title = result.get("title", name)
        seconds = result.get("seconds")
        body.append(("section", f"{name} — {title}" + (f"  [{seconds:.0f} s]" if seconds is not None else "")))
        if result.get("error"):
            body.append(("row", ("ERROR", result["error"][:100], "", "", "")))
        for r in result.get("rows", []):
            verdict = "" if r.get("pass") is None else ("ok" if r["pass"] else "MISS")
            ratio = "" if r.get("ratio") is None else f"{r['ratio']:.2f}×"
            body.append(("row", (r["metric"], r["shown"], r.get("target") or "", ratio, verdict)))
            if r.get("note"):
                body.append(("note", r["note"]))
    rows = [b[1] for b in body if b[0] == "row"]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    widths[1] = min(widths[1], 60)

    def line(cells) -> str:
        return "  " + "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    lines.append(line(cols))
    lines.append("  " + "  ".join("-" * w for w in widths))
    for kind, item in body:
        if kind == "section":
            lines.append(item)
        elif kind == "row":
            lines.append(line(item))
        else:
            lines.append("  " + " " * (widths[0] + 2) + "↳ " + item)
    return "\n".join(lines)


def _header(info: dict, quick: bool) -> str:
    commit = (info.get("git_commit") or "unknown")[:10] + (" (uncommitted changes)" if info.get("git_dirty") else "")
    return (f"Composure benchmarks — {'quick' if quick else 'full'} run, {info['date']}, commit {commit}\n"
            f"{info['cpu_model']}, {info['cores']} cores, {info['memory_mb']} MB, Python {info['python']}, "
            f"load average at start {info.get('load_average_at_start')}, at end {info.get('load_average_at_end')}")


def _write(report: dict, paths: list[Path]) -> None:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(report, indent=2, default=str))
        os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    ctx = Context(quick=args.quick, evaldata=args.evaldata)
    if args.child:
        return _child(args.child, ctx, args.result_file)
    if args.list:
        for name in MEASUREMENTS:
            module = importlib.import_module(f"bench.{name}")
            print(f"{name:12} {module.TITLE}")
        return 0

    names = _selected(args.only)
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    info = machine_info()
    started = time.monotonic()
    results: dict[str, dict] = {}
    interrupted = False
    print(f"bench: {'quick' if args.quick else 'full'} run of {', '.join(names)} (progress on stderr)", file=sys.stderr)
    for name in names:
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        try:
            results[name], interrupted = _run_child(name, args)
        except KeyboardInterrupt:
            interrupted = True
        if interrupted:
            break

    try:
        info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    report = {
        "schema": 1,
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "mode": "quick" if args.quick else "full",
        "interrupted": interrupted,
        "seconds": round(time.monotonic() - started, 1),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "measurements": results,
    }
    paths = [RESULTS / "latest.json"] + ([args.out] if args.out else [])
    _write(report, paths)
    print(_table(results, _header(info, args.quick)))
    print(f"\nJSON: {paths[0]}" + (f" and {args.out}" if args.out else "") + f"  ({report['seconds']:.0f} s in all)")
    if interrupted:
        print("bench: interrupted; the figures above are partial", file=sys.stderr)
        return 130
    if any(r.get("error") for r in results.values()):
        return 1
    if args.strict and any(row.get("pass") is False for r in results.values() for row in r.get("rows", [])):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
