"""What every measurement shares: statistics, table rows, the evaluation texts, the assistant,
machine information, and progress lines on stderr."""

from __future__ import annotations

import csv
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import REPO

DEFAULT_EVALDATA = REPO.parent / "shared" / "evaldata"


@dataclass
class Context:
    """What a measurement is asked to do."""

    quick: bool = False
    evaldata: Path = DEFAULT_EVALDATA
    options: dict = field(default_factory=dict)
    partial: dict = field(default_factory=dict)  # what a measurement has finished, kept if it is interrupted


# ---------------------------------------------------------------------------------- statistics

def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) of already sorted values, linearly interpolated (numpy's default)."""
    if not sorted_values:
        return math.nan
    if len(sorted_values) == 1:
        return float(sorted_values[0])
    rank = (len(sorted_values) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low))


def summary(values: Iterable[float], scale: float = 1.0, digits: int = 3) -> dict:
    """n, mean, min, p50, p90, p95, p99, p99.9, max of the values (each multiplied by `scale`)."""
    data = sorted(v * scale for v in values)
    if not data:
        return {"n": 0}
    out = {"n": len(data), "mean": sum(data) / len(data), "min": data[0]}
    for q in (50, 90, 95, 99, 99.9):
        out[f"p{q:g}"] = percentile(data, q)
    out["max"] = data[-1]
    return {k: (round(v, digits) if isinstance(v, float) else v) for k, v in out.items()}


# ---------------------------------------------------------------------------------- table rows

def row(metric: str, value: float | None, unit: str = "", *, target: float | None = None, op: str = "<",
        shown: str | None = None, note: str = "") -> dict:
    """One line of the printed table (and of the JSON). `value` is the figure the target applies to;
    `shown` is what is printed (e.g. "p50 7.6 · p95 11 · p99 14"). ratio = value / target."""
    ratio = None
    passed = None
    if target is not None and value is not None and not (isinstance(value, float) and math.isnan(value)):
        ratio = (value / target) if target else None  # a target of 0 (e.g. duplicates) has no ratio
        passed = {"<": value < target, "<=": value <= target, "==": value == target, ">": value > target,
                  ">=": value >= target}[op]
    return {"metric": metric, "value": value, "unit": unit, "shown": shown if shown is not None else fmt(value, unit),
            "target": None if target is None else f"{op} {fmt(target, unit)}", "target_value": target,
            "ratio": None if ratio is None else round(ratio, 3), "pass": passed, "note": note}


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def pcts(s: dict, unit: str, keys: Sequence[str] = ("p50", "p95", "p99")) -> str:
    """'p50 7.6 · p95 11 · p99 14 ms' from a summary()."""
    if not s.get("n"):
        return "no samples"
    return " · ".join(f"{k} {fmt(s[k])}" for k in keys) + (f" {unit}" if unit else "")


# ---------------------------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Text:
    file: str
    row: int
    split: str
    text: str


def eval_texts(evaldata: Path) -> list[Text]:
    """Every row of every CSV in the evaluation data (dev and test: speed is not tuning)."""
    files = sorted(Path(evaldata).glob("*.csv"))
    if not files:
        raise SystemExit(f"bench: no CSV files in {evaldata}; pass --evaldata DIR")
    texts = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            for number, record in enumerate(csv.DictReader(handle), start=2):
                column = "text" if "text" in record else "tweet"
                texts.append(Text(path.name, number, record.get("split", ""), record.get(column) or ""))
    return texts


def load_assistant(**environ: str):
    """The real assistant on the repository's config, with only the environment given here
    (nothing from the shell or .env: a bench run is offline unless it says otherwise)."""
    from bot.assistant import Assistant

    return Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), **environ}, dotenv_path=None)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user with no Slack or model settings (for subprocesses)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "OPENAI_", "COMPOSURE_", "DATABASE_URL"))}
    env["COMPOSURE_CONFIG"] = str(REPO / "config")
    env.update(extra)
    return env


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kilobytes


# ---------------------------------------------------------------------------------- progress

_T0 = time.monotonic()


def say(message: str) -> None:
    """A progress line on stderr (the table and the JSON are the results; this is the commentary)."""
    print(f"  [{time.monotonic() - _T0:6.1f}s] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- the machine

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return None


def _git(*args: str) -> str:
    """Read-only git queries (rev-parse, status); nothing here changes the repository."""
    try:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False)
        return out.stdout.rstrip() if out.returncode == 0 else ""  # porcelain lines start with a space
    except (OSError, subprocess.SubprocessError):
        return ""


def _versions() -> dict[str, str]:
    from importlib import metadata

    found = {}
    for name in ("slack_bolt", "slack_sdk", "sqlalchemy", "psycopg", "waitress", "openai", "tenacity", "jinja2"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine_info() -> dict:
    commit = _git("rev-parse", "HEAD").strip()
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_mb": _mem_total_mb(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "platform": platform.platform(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": commit,
        "git_dirty": bool(dirty),
        "git_dirty_files": dirty.splitlines()[:20] if dirty else [],
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
        "packages": _versions(),
    }
