"""Failures reach the person as one friendly sentence and a reference; the log keeps the cause."""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from typing import Callable, Iterator

from bot.errors import BadInput
from bot.slack.intake import BadPayload

log = logging.getLogger("composure.slack")


def new_reference() -> str:
    return uuid.uuid4().hex[:8]


def failure_sentence(ref: str) -> str:
    return (f"Sorry, something went wrong on my side (reference {ref}). Please try again; "
            "if it keeps happening, give this reference to whoever runs Composure.")


@contextmanager
def reported_to(tell: Callable[[str], None], what: str) -> Iterator[None]:
    """Run a listener body; bad input is explained, anything else gets a reference id."""
    try:
        yield
    except (BadPayload, BadInput) as exc:
        _safely(tell, str(exc))
    except Exception as exc:  # the listener's last line of defence
        ref = new_reference()
        log.error("%s failed ref=%s: %s", what, ref, type(exc).__name__, exc_info=True)
        _safely(tell, failure_sentence(ref))


def _safely(tell: Callable[[str], None], sentence: str) -> None:
    try:
        tell(sentence)
    except Exception:  # telling the user failed too; the log has it
        log.warning("could not tell the user: %s", sentence, exc_info=True)
