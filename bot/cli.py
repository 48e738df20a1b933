"""Command line: `composure suggest|analyze|escalate|check-reply|eval` (and, with no command, the assistant).

Exit status per the contract: 0 success, 2 bad input or configuration (one line on stderr),
1 internal failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import uuid
from pathlib import Path

from bot import SIGNALS
from bot.errors import BadInput, ConfigError

ENGINE_CHOICES = ("offline", "openai", "auto")
log = logging.getLogger("composure")


def _read_text(arg: str | None, what: str = "the customer's message") -> str:
    if arg is None or arg == "-":
        if sys.stdin.isatty():
            if arg is None:
                raise BadInput(f"no message given: pass {what} as an argument, or '-' to read it from stdin")
            print(f"Paste {what}, then press Ctrl-D (Ctrl-Z Enter on Windows).", file=sys.stderr, flush=True)
        data = sys.stdin.buffer.read()
        return data.decode("utf-8", "replace")
    return arg


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="composure", description="Suggestions for difficult customer conversations, grounded in a support playbook.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("suggest", help="analyse one customer message and print suggestions")
    p.add_argument("text", nargs="?", help="the customer's message, or '-' to read stdin")
    p.add_argument("--json", action="store_true", help="print the contract's JSON instead of readable text")
    p.add_argument("--engine", choices=ENGINE_CHOICES, help="offline, openai or auto (default: COMPOSURE_ENGINE, else auto)")

    p = sub.add_parser("analyze", help="batch analysis: JSON lines {id, text} in, {id, signals, severity, escalate} out")
    p.add_argument("--jsonl", action="store_true", required=True, help="read JSON lines on stdin (the only format)")
    p.add_argument("--engine", choices=ENGINE_CHOICES, help="accepted for symmetry; analysis is always offline")

    p = sub.add_parser("escalate", help="escalation guidance for a situation a team lead describes")
    p.add_argument("text", nargs="?", help="the situation, or '-' to read stdin")
    p.add_argument("--json", action="store_true", help="print JSON instead of readable text")

    p = sub.add_parser("check-reply", help="review your own draft reply before it is sent: findings and a safer rewrite")
    p.add_argument("text", nargs="?", help="your draft reply, or '-' to read stdin")
    p.add_argument("--customer", metavar="TEXT", help="the customer's message, as context (a legal threat makes admissions riskier)")
    p.add_argument("--json", action="store_true", help='print {"findings", "rewrite", "ok"} as JSON')
    p.add_argument("--engine", choices=ENGINE_CHOICES, help="who writes the rewrite: offline, openai or auto "
                   "(default: COMPOSURE_ENGINE, else auto: the model when configured, checked like the draft)")

    p = sub.add_parser("serve", help="run the Slack bot (Socket Mode by default, HTTP with --http)")
    p.add_argument("--http", action="store_true", help="serve Slack's requests over HTTP at POST /slack/events (GET /healthz)")
    p.add_argument("--port", type=int, help="HTTP port (default: PORT, else 3000)")
    p.add_argument("--no-dispatcher", action="store_true", help="do not run the follow-up dispatcher in this instance")

    p = sub.add_parser("train", help="rebuild the learned models (analysis, situations, stances, and Check my reply's) from the training data (needs the 'train' extra)")
    p.add_argument("--shared", type=Path, help="the folder holding corpora/ (default: ../shared beside the repository)")

    p = sub.add_parser("init", help="write an editable copy of the configuration and playbook for a team")
    p.add_argument("dir", type=Path, nargs="?", default=Path("."),
                   help="where to write config/ and prompts/ (default: the current folder)")

    p = sub.add_parser("eval", help="per-signal precision / recall / F1 on a labelled CSV or JSONL file")
    p.add_argument("file", type=Path, help="CSV (text, labels with ';') or JSONL ({text, labels}); the evaldata corpora are read as they are")
    p.add_argument("--split", help="only rows whose 'split' column has this value (e.g. dev)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", metavar="SIGNAL", help="also list the misclassified texts for one signal")
    p.add_argument("--rules-only", action="store_true", help="score the rules alone, without the learned model")
    return parser


def _cmd_eval(args, assistant) -> int:
    from bot.evaluation import errors, evaluate, format_cv, format_table, load_dataset, reply_rows

    from bot.learned import default_model

    replies = reply_rows(args.file)
    if replies is not None:
        return _eval_replies(args, assistant, replies)
    if args.errors is not None and args.errors not in SIGNALS:
        raise BadInput(f"--errors {args.errors!r}: not a signal (expected one of: {', '.join(SIGNALS)})")
    data = load_dataset(args.file, args.split)
    predict = assistant.rule_signal_names if args.rules_only else assistant.signal_names
    scores = evaluate(data, predict)
    model = None if args.rules_only else default_model()
    cv = {s: r for s, r in model.meta["cv"].items() if s in data.signals or s.startswith("rare_")} if model else {}
    if args.json:
        print(json.dumps({"file": str(args.file), "rows": len(data.examples), "rules_only": args.rules_only,
                          "scores": [s.to_dict() for s in scores], "cross_validated": cv}, indent=2))
    else:
        print(f"{args.file}: {len(data.examples)} rows" + (f" (split {args.split})" if args.split else "")
              + (" (rules only)" if args.rules_only else " (rules and learned model)"))
        print(format_table(scores, data.binary))
        if cv:
            print("\n5-fold cross-validated on the training data (composure train), per signal as combined:")
            print(format_cv(cv))
    if args.errors:
        for kind, text in errors(data, predict, args.errors):
            print(f"{kind}\t{' '.join(text.split())[:300]}")
    return 0


def _eval_replies(args, assistant, rows) -> int:
    """Check-my-reply rows: scores per finding kind, for each split (tuned, held out) and for all rows."""
    from bot.evaluation import evaluate_replies, format_reply_cv, format_table
    from bot.reply_check import KINDS, load_checker
    from bot.reply_check_config import ATTITUDE

    if args.errors is not None and args.errors not in KINDS:
        raise BadInput(f"--errors {args.errors!r}: not a finding kind (expected one of: {', '.join(KINDS)})")
    checker = load_checker(assistant.settings, assistant.playbook, assistant.rules)
    rows = [r for r in rows if args.split is None or r.split == args.split]
    if not rows:
        raise BadInput(f"{args.file}: no rows with split={args.split}")
    kinds_of = {id(r): checker.check(r.text, r.customer).kinds for r in rows}
    groups = {split: [r for r in rows if r.split == split] for split in dict.fromkeys(r.split for r in rows)}
    if len(groups) > 1:
        groups["all"] = rows
    scores = {split: evaluate_replies(group, lambda row: kinds_of[id(row)]) for split, group in groups.items()}
    if args.json:
        print(json.dumps({"file": str(args.file), "rows": len(rows), "kind": "reply_check",
                          "scores": {split: [s.to_dict() for s in ss] for split, ss in scores.items()}}, indent=2))
    else:
        for split, ss in scores.items():
            print(f"{args.file}: {len(groups[split])} replies, split {split} (check my reply, per finding kind)")
            print(format_table(ss, False, "finding", 24) + "\n")
        if checker.model is not None:
            print(format_reply_cv(checker.model.meta.get("cv", {}), ATTITUDE))
    if args.errors:
        for r in rows:
            truth, guess = args.errors in r.labels, args.errors in kinds_of[id(r)]
            if truth != guess:
                print(f"{'FN' if truth else 'FP'}\t{r.split}\t{' '.join(r.text.split())[:300]}")
    return 0


def _show(value, as_json: bool, render) -> int:
    """--json prints the value's dict; otherwise the readable rendering (coloured only on a terminal)."""
    if as_json:
        print(json.dumps(value.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(value, colour=sys.stdout.isatty()))
    return 0


def _cmd_suggest(args, assistant) -> int:
    from bot.render_text import render_suggestion

    text = _read_text(args.text)
    if assistant.engine_for(args.engine) == "offline":
        return _show(assistant.suggest(text), args.json, render_suggestion)
    offline = assistant.suggest(text)
    if sys.stderr.isatty():  # a person is waiting: say why, and for how long this server may take
        where = assistant.settings.env.openai_base_url or "OpenAI"
        print(f"composure: asking the model at {where} (up to {assistant.model_wait(text, offline):.0f} s; "
              "the offline drafts stand in if it fails)…", file=sys.stderr, flush=True)
    return _show(assistant.improve(text, offline), args.json, render_suggestion)


def _cmd_escalate(args, assistant) -> int:
    from bot.render_text import render_guidance

    return _show(assistant.escalate(_read_text(args.text, "the situation")), args.json, render_guidance)


def _cmd_check_reply(args, assistant) -> int:
    from bot.reply_check import load_checker, render_review

    draft = _read_text(args.text, "your draft reply")
    if not draft.strip():
        raise BadInput("the reply is empty: pass the draft you want checked, or '-' to read it from stdin")
    if args.customer is not None and not args.customer.strip():
        raise BadInput("--customer is empty: pass the customer's message, or leave --customer out")
    checker = load_checker(assistant.settings, assistant.playbook, assistant.rules)
    review = checker.check(draft, args.customer)
    if not review.ok and assistant.engine_for(args.engine) == "openai":
        from bot.llm.rewrite import ModelRewriter

        review = ModelRewriter(assistant.model, checker, assistant.prompts_dir / "llm").improve(draft, args.customer, review)
    if args.json:
        print(json.dumps(review.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_review(review))
    return 0


def _cmd_analyze(args, assistant) -> int:
    """Stream: one output line per input line, in order; a bad line gets an error line, not a stop.

    The analysis is always offline (the model writes drafts, not signals), so --engine only checks.
    """
    assistant.engine_for(args.engine)
    bad = 0
    for number, line in enumerate(sys.stdin.buffer, 1):
        line = line.decode("utf-8", "replace").strip()
        if not line:
            continue
        row_id = None
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("expected a JSON object")
            row_id = row.get("id")
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValueError("'text' must be a non-empty string")
            analysis = assistant.analyze_text(text)
            out = {"id": row_id, **analysis.to_dict()}
        except ValueError as exc:
            bad += 1
            message = f"line {number}: {exc.msg if isinstance(exc, json.JSONDecodeError) else exc}"
            print(f"composure: {message}", file=sys.stderr)
            out = {"id": row_id, "error": message}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 2 if bad else 0


def _setup_logging() -> None:
    """INFO for us; the Slack libraries only warn (their debug logs carry payloads)."""
    level = logging.DEBUG if os.environ.get("COMPOSURE_DEBUG") else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in ("slack_sdk", "slack_bolt", "waitress", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _cmd_serve(args, assistant) -> int:
    from bot.slack.server import serve

    _setup_logging()
    port = _http_port(args.port) if args.http else 0
    return serve(assistant, http=args.http, port=port, dispatcher=not args.no_dispatcher)


def _http_port(option: int | None) -> int:
    """--port, else PORT, else 3000."""
    if option is not None:
        where, raw = "--port", str(option)
    elif os.environ.get("PORT", "").strip():
        where, raw = "PORT", os.environ["PORT"].strip()
    else:
        return 3000
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise BadInput(f"{where}={raw!r} is not a port: give a number from 1 to 65535")
    return int(raw)


def _default(assistant) -> int:
    """No command: serve Slack when tokens are configured, else the offline assistant in the terminal."""
    env = assistant.settings.env
    if env.slack_bot_token:
        http = not env.slack_app_token and bool(env.slack_signing_secret)
        return _cmd_serve(argparse.Namespace(http=http, port=None, no_dispatcher=False), assistant)
    from bot.interactive import run_interactive

    return run_interactive(assistant)


def _cmd_train(args) -> int:
    try:
        from bot import name_list, reply_training, situation_training, stance_training, training
        import names  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        raise BadInput("training needs scikit-learn and names: pip install -e '.[train]'") from None
    shared = args.shared or training.REPO.parent / "shared"
    if not (shared / "corpora" / "complaints_train.csv").is_file():
        raise BadInput(f"{shared / 'corpora'}: the training corpora are not there; pass --shared with the folder holding corpora/")
    name_list.build(shared)
    training.train(shared)
    _forget_loaded_models()
    situation_training.main(shared)  # after the signal model: its rules' reading uses the new analysis
    _forget_loaded_models()
    stance_training.main(shared)  # after the situation model: the reading it corrects uses its guesses
    reply_training.main()
    return 0


def _forget_loaded_models() -> None:
    """Each stage reads the models the stages before it just wrote, not the ones loaded when the run began: two
    runs over the same data then ship the same files."""
    from bot.label_model import default_situation_model, default_stance_model
    from bot.learned import default_model

    for loaded in (default_model, default_situation_model, default_stance_model):
        loaded.cache_clear()


def _cmd_init(args) -> int:
    """Before any configuration is loaded: it is what a team runs when theirs does not exist yet."""
    from bot import locations

    try:
        made = locations.write_team_copy(args.dir)
    except FileExistsError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{args.dir}: cannot write the copy there ({exc.strerror or exc}); choose a folder you can write to") from None
    for folder in made:
        print(f"wrote {folder}/")
    print(f"Edit them, then run composure from {args.dir} (or set COMPOSURE_CONFIG={made[0]} and "
          f"COMPOSURE_PROMPTS={made[1]}).")
    return 0


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "train":
        return _cmd_train(args)
    if args.command == "init":
        return _cmd_init(args)
    from bot.assistant import Assistant

    assistant = Assistant.load()
    commands = {"eval": _cmd_eval, "suggest": _cmd_suggest, "escalate": _cmd_escalate, "analyze": _cmd_analyze,
                "serve": _cmd_serve, "check-reply": _cmd_check_reply}
    if args.command is None:
        return _default(assistant)
    return commands[args.command](args, assistant)


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except (BadInput, ConfigError) as exc:
        print(f"composure: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one sentence and a reference, not a traceback
        ref = uuid.uuid4().hex[:8]
        if os.environ.get("COMPOSURE_DEBUG"):
            logging.basicConfig(level=logging.DEBUG)
            log.exception("internal failure ref=%s", ref)
        print(f"composure: internal error (ref {ref}): {type(exc).__name__}; rerun with COMPOSURE_DEBUG=1 for details", file=sys.stderr)
        return 1
