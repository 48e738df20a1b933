"""The assistant in a terminal: paste a message, get suggestions, repeat.

At a terminal, prompt_toolkit gives line editing, multi-line input and history; from a pipe or
a file, lines are read plainly so scripts keep working. The offline suggestion is shown at once;
when a model is configured, a line says the model is working and its drafts follow (or one plain
sentence saying why the offline drafts stand)."""

from __future__ import annotations

import sys

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.styles import Style

from bot.errors import BadInput
from bot.render_text import colour_allowed, render_guidance, render_suggestion, wrapped

BANNER = ("Composure: {mode}",
          "Paste the customer's message (several lines are fine), then {submit}.",
          "Start with /escalate to get escalation guidance for a situation instead.",
          "Ctrl-D on an empty prompt, Ctrl-C, or \"quit\" exits.")
PIPE_SUBMIT = 'a line with only "." to submit'
TERMINAL_SUBMIT = "press Enter on an empty line to send it (Alt+Enter, or Esc then Enter, sends at once)"
HINTS = (" Enter on empty line: send · Alt+Enter: send now · ↑↓: history · Ctrl-D: quit",
         " Enter on empty line: send · Alt+Enter: send now", " Empty line: send")  # widest that fits
QUIT_WORDS = {"quit", "exit"}


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
        if line.strip() == "." or (not lines and line.strip().lower() in QUIT_WORDS):
            if not lines and line.strip() != ".":
                return None
            return "\n".join(lines)
        lines.append(line)


def _without_send_line(text: str) -> str:
    """The message without the empty or "." line that sent it."""
    lines = text.split("\n")
    while lines and lines[-1].strip() in {"", "."}:
        lines.pop()
    return "\n".join(lines)


class TerminalReader:
    """Messages typed or pasted at a terminal, edited with prompt_toolkit.

    History stays in memory: it holds customers' words, which must not land in a file by accident."""

    def __init__(self, colour: bool) -> None:
        plain = not colour_allowed(colour)
        self.session = PromptSession(
            multiline=True, history=InMemoryHistory(), key_bindings=self._send_bindings(),
            prompt_continuation=lambda width, line, soft_wrap: (" " if soft_wrap else "|").ljust(width),
            bottom_toolbar=_hint, style=Style.from_dict({"bottom-toolbar": "noreverse"} if plain else {}),
            include_default_pygments_style=False, color_depth=ColorDepth.MONOCHROME if plain else None)

    @staticmethod
    def _send_bindings():
        """Enter sends when it ends the message on an empty (or ".") line; elsewhere it starts a new line."""
        bindings = KeyBindings()

        @Condition
        def ends_message() -> bool:
            document = get_app().current_buffer.document
            if not document.is_cursor_at_the_end or not document.text.strip():
                return False
            last = document.current_line.strip()
            return last in {"", "."} or (document.line_count == 1 and last.lower() in QUIT_WORDS)

        @bindings.add("enter", filter=ends_message)
        def _send(event) -> None:
            event.current_buffer.text = _without_send_line(event.current_buffer.text)
            event.current_buffer.validate_and_handle()

        return bindings

    def __call__(self) -> str | None:
        try:
            text = _without_send_line(self.session.prompt("\n> "))
        except EOFError:
            return None
        return None if text.strip().lower() in QUIT_WORDS else text


def _hint() -> str:
    columns = get_app().output.get_size().columns
    return next((hint for hint in HINTS if len(hint) < columns), "")


def run_interactive(assistant, stream=None, out=None) -> int:
    out = out or sys.stdout
    at_terminal = stream is None and sys.stdin.isatty() and out.isatty()
    read = TerminalReader(out.isatty()) if at_terminal else lambda: read_message(stream or sys.stdin, out)
    colour = out.isatty()
    model = assistant.engine_for(None) != "offline"
    where = assistant.settings.env.openai_base_url or "OpenAI"
    mode = (f"drafts by the model at {where}, after the offline analysis (only the customer's words, with "
            "details hidden, are sent)." if model else "offline assistant (no keys needed; nothing leaves this machine).")
    submit = TERMINAL_SUBMIT if at_terminal else PIPE_SUBMIT
    out.write("\n".join(wrapped(line.format(mode=mode, submit=submit)) for line in BANNER) + "\n")
    try:
        while True:
            text = read()
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
                        out.write("\n" + wrapped(f"… asking the model for better drafts (up to "
                                                 f"{assistant.model_wait(text, offline):.0f} s; the drafts "
                                                 "above stand meanwhile)") + "\n")
                        out.flush()
                        better = assistant.improve(text, offline)
                        if better.engine == "openai":
                            out.write("\n== The model's version\n" + render_suggestion(better, colour) + "\n")
                        else:
                            out.write(wrapped(f"composure: {better.notes[-1]}") + "\n")
            except BadInput as exc:
                out.write(wrapped(f"composure: {exc}") + "\n")
            out.flush()
    except KeyboardInterrupt:
        out.write("\nBye.\n")
        return 0
