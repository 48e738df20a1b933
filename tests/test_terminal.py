"""The interactive assistant as a person meets it: `python -m bot` on a real pseudo-terminal.

A pty of a chosen size stands in for the terminal window; keys are typed as the bytes a
terminal sends. Timeouts only keep a broken run from hanging; nothing here measures time."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios

import pytest

from conftest import REPO, clean_env, run_cli

LEFT, ALT_ENTER, ENTER, CTRL_D = "\x1b[D", "\x1b\r", "\r", "\x04"
ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")
HINT = b"Alt+Enter: send now"
PATIENCE = 90  # seconds before a stuck run is abandoned; not a performance bound


class Terminal:
    """The assistant in a subprocess whose stdin, stdout and stderr are one pty of a given size."""

    def __init__(self, columns: int = 80, rows: int = 24, **env: str) -> None:
        master, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        environment = clean_env(TERM="xterm-256color")
        for inherited in ("COLUMNS", "LINES", "NO_COLOR"):  # the size comes from the pty; colour as each test says
            environment.pop(inherited, None)
        environment.update(env)
        self.process = subprocess.Popen([sys.executable, "-m", "bot"], stdin=child, stdout=child, stderr=child,
                                        cwd=REPO, env=environment, start_new_session=True)
        os.close(child)
        self.master = master
        self.output = b""
        self.answered = 0
        self.mark = self.wait_for(HINT, 0)  # the prompt is up: keys typed now reach the line editor

    def wait_for(self, marker: bytes, start: int) -> int:
        """Where `marker` ends once it has been shown after `start`; answers cursor-position requests."""
        while (found := self.output.find(marker, start)) < 0:
            ready, _, _ = select.select([self.master], [], [], PATIENCE)
            try:
                chunk = os.read(self.master, 65536) if ready else b""
            except OSError:  # the assistant has closed the pty
                chunk = b""
            if not chunk:
                raise AssertionError(f"{marker!r} never appeared; the screen so far:\n{self.screen(0)}")
            self.output += chunk
            for _ in range(self.output.count(b"\x1b[6n") - self.answered):
                os.write(self.master, b"\x1b[1;1R")  # as a terminal would: the cursor is at row 1, column 1
                self.answered += 1
        return found + len(marker)

    def answer(self) -> str:
        """What the assistant showed for the message just sent, once the next prompt is up."""
        end = self.wait_for(HINT, self.wait_for(b"Playbook:", self.mark))
        shown, self.mark = self.output[self.mark:end].decode("utf-8", "replace"), end
        return shown

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def screen(self, start: int) -> str:
        return ESCAPE_SEQUENCE.sub("", self.output[start:].decode("utf-8", "replace"))

    def close(self) -> int:
        """Ctrl-D at the prompt, as a person leaves; the exit status."""
        self.type(CTRL_D)
        self.wait_for(b"Bye.", self.mark)
        return self.process.wait(timeout=PATIENCE)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal():
    opened: list[Terminal] = []

    def open_terminal(**options) -> Terminal:
        opened.append(Terminal(**options))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.kill()


def suggestion_in(shown: str) -> str:
    """The suggestion's own lines: from its first heading to the playbook line that ends it."""
    start = shown.index("== What's going on")
    return shown[start:shown.index("Playbook:", start)]


def plain(shown: str) -> str:
    return ESCAPE_SEQUENCE.sub("", shown).replace("\r\n", "\n")


def test_a_message_edited_with_the_arrow_keys_is_the_one_analysed(terminal):
    term = terminal()
    term.type("My order #4411 hasn't arrived and I'm fed up." + LEFT * 32 + "9" + ALT_ENTER)
    shown = suggestion_in(plain(term.answer()))
    assert "#44191" in shown and "#4411" not in shown
    assert "[D" not in shown and "Reply drafts" in shown
    assert term.close() == 0


def test_enter_on_an_empty_line_sends_a_message_of_several_lines_and_history_recalls_it(terminal):
    term = terminal()
    term.type("My order #5512 never came." + ENTER + "Third time I write!" + ENTER + ENTER)
    first = suggestion_in(plain(term.answer()))
    assert "delivery ('order')" in first and "repeat_contact" in first  # both lines were read
    term.type("\x1b[A" + ALT_ENTER)  # up arrow: the earlier message, sent again as it was
    assert suggestion_in(plain(term.answer())) == first
    assert term.close() == 0


@pytest.mark.parametrize("columns", [80, 52])
def test_every_line_fits_the_terminal_drafts_included(terminal, columns):
    term = terminal(columns=columns)
    banner = plain(term.output.decode())
    term.type("My order #4411 still hasn't arrived, this is the third time I'm writing and you people "
              "are useless, I will talk to my lawyer about it." + ALT_ENTER)
    suggestion = suggestion_in(plain(term.answer()))
    term.type("/escalate customer swore at two agents, has not paid for months, lawyer" + ALT_ENTER)
    guidance = plain(term.answer())
    guidance = guidance[guidance.index("== Escalation"):guidance.rindex("Playbook:")]
    assert term.close() == 0
    assert "Reply drafts" in suggestion and "Hand-off note" in guidance and "Letting the customer go" in guidance
    lines = (banner[:banner.index('"quit" exits.')] + "\n" + suggestion + guidance).split("\n")
    too_long = [line for line in lines if len(line.rstrip()) > columns]
    assert not too_long, "\n".join(too_long)
    drafts = suggestion[suggestion.index("Reply drafts"):suggestion.index("Questions to ask")]
    assert sum(1 for line in drafts.splitlines() if line.startswith("    ") and line.strip()) > 10


def test_no_color_means_no_escape_sequences_in_the_suggestion(terminal):
    message = "You people are useless and my refund is late again." + ALT_ENTER
    coloured = terminal()
    coloured.type(message)
    assert "\x1b[" in suggestion_in(coloured.answer())  # without NO_COLOR, a terminal gets colour
    assert coloured.close() == 0
    uncoloured = terminal(NO_COLOR="1")
    uncoloured.type(message)
    shown = suggestion_in(uncoloured.answer())
    assert "Reply drafts" in shown and "\x1b" not in shown
    assert uncoloured.close() == 0


def test_quit_at_the_prompt_exits(terminal):
    term = terminal()
    term.type("quit" + ENTER)
    term.wait_for(b"Bye.", term.mark)
    assert term.process.wait(timeout=PATIENCE) == 0


def test_piped_input_is_still_read_line_by_line():
    result = run_cli(stdin="My order #7788 hasn't arrived.\n.\nquit\n", env=clean_env(NO_COLOR=""))
    assert result.returncode == 0, result.stderr
    assert 'a line with only "." to submit' in " ".join(result.stdout.split()) and "#7788" in result.stdout
    assert "\x1b" not in result.stdout and result.stdout.rstrip().endswith("Bye.")
