"""The assistant in a terminal: paste a message, get suggestions, repeat.

The offline suggestion is shown at once; when a model is configured, a line says the model is
working and its drafts follow (or one plain sentence saying why the offline drafts stand)."""

from __future__ import annotations

import sys

from bot.errors import BadInput
from bot.render_text import render_guidance, render_suggestion

BANNER = """Composure: {mode}
Paste the customer's message (several lines are fine), then a line with only "." to submit.
Start with /escalate to get escalation guidance for a situation instead.
Ctrl-D on an empty prompt, Ctrl-C, or "quit" exits."""


def read_message(stream, prompt_out) -> str | None:
    """Lines until a lone '.', or end of input; None when there is nothing left to read."""
    lines: list[str] = []
    prompt_out.write("\n> ")
    prompt_out.flush()
    while True:
        line = stream.readline()
        if not line:
            return "\n".join(lines) if lines else None
        line = line.rstrip("\n")
        if line.strip() == "." or (not lines and line.strip().lower() in {"quit", "exit"}):
            if not lines and line.strip() != ".":
                return None
            return "\n".join(lines)
        lines.append(line)


def run_interactive(assistant, stream=None, out=None) -> int:
    stream = stream or sys.stdin
    out = out or sys.stdout
    colour = out.isatty()
    model = assistant.engine_for(None) != "offline"
    where = assistant.settings.env.openai_base_url or "OpenAI"
    out.write(BANNER.format(mode=f"drafts by the model at {where}, after the offline analysis (only the customer's "
                                 "words, with details hidden, are sent)." if model else
                            "offline assistant (no keys needed; nothing leaves this machine).") + "\n")
    try:
        while True:
            text = read_message(stream, out)
            if text is None:
                out.write("\nBye.\n")
                return 0
            try:
                if text.lstrip().lower().startswith("/escalate"):
                    body = text.lstrip()[len("/escalate"):]
                    out.write(render_guidance(assistant.escalate(body), colour) + "\n")
                else:
                    offline = assistant.suggest(text)
                    out.write(render_suggestion(offline, colour) + "\n")
                    if model:
                        out.write(f"\n… asking the model for better drafts (up to "
                                  f"{assistant.settings.model.deadline_seconds:g} s; the drafts above stand meanwhile)\n")
                        out.flush()
                        better = assistant.improve(text, offline)
                        if better.engine == "openai":
                            out.write("\n== The model's version\n" + render_suggestion(better, colour) + "\n")
                        else:
                            out.write(f"composure: {better.notes[-1]}\n")
            except BadInput as exc:
                out.write(f"composure: {exc}\n")
    except KeyboardInterrupt:
        out.write("\nBye.\n")
        return 0
