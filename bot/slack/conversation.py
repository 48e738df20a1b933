"""A DM to Composure: what it asks (bot.slack.prompts), and which flow answers it.

A customer's message, pasted or forwarded, gets suggestions as it always did. The agent view's
prompts add three requests: check the agent's own reply (with the draft after the prompt, or in
the next message), analyse the message the agent is viewing, and a reminder of how to paste one.
A reply is checked against the customer's message pasted with it ("Customer: …" / "Reply: …"), else
the one the agent is viewing when Composure can read it; the answer says which it was, or that none.
"""

from __future__ import annotations

from bot.slack import blocks
from bot.slack.intake import Intake
from bot.slack.prompts import CHECK, ESCALATION, MESSAGE, PASTE, VIEWING, Ask, read_ask, read_pasted
from bot.slack.services import Services
from bot.slack.viewed import ViewedMessage

ASK_FOR_DRAFT = "Paste the reply you're about to send, and I'll check it before it goes out."
ASK_FOR_CUSTOMER = "Paste the customer's message here, or forward (share) it to me, and I'll suggest replies."
PASTED_CONTEXT = "Checked with the customer's message you pasted:"
NO_CONTEXT = ("Checked without the customer's message: paste both parts, “Customer: …” then “Reply: …”, or open "
              "their message beside me, for a closer check.")


class Conversation:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.viewed = ViewedMessage(services)

    def answer(self, intake: Intake, forwarded: bool = False) -> None:
        """A forwarded message is always a customer's; typed words may be a prompt."""
        ask = Ask(MESSAGE, intake.text) if forwarded else read_ask(intake.text)
        awaited = self.services.conversations.take_awaited(intake.user_id)
        if ask.kind == MESSAGE and awaited == CHECK:
            self._check(intake, intake.text)
        elif ask.kind == CHECK and ask.text:
            self._check(intake, ask.text)
        elif ask.kind == CHECK:
            self.services.conversations.await_next(intake.user_id, CHECK)
            self._tell(intake, ASK_FOR_DRAFT)
        elif ask.kind == PASTE:
            self._tell(intake, ASK_FOR_CUSTOMER)
        elif ask.kind == ESCALATION and ask.text:
            self.services.suggest_privately(_with_text(intake, ask.text))  # the analysis says whether to escalate
        elif ask.kind in (VIEWING, ESCALATION):
            self.viewed.suggest(intake)
        else:
            self.services.suggest_privately(intake)

    def _check(self, intake: Intake, text: str) -> None:
        pasted = read_pasted(text)
        if pasted:
            draft, customer, checked_with = pasted.reply, pasted.customer, PASTED_CONTEXT
        else:
            draft, (customer, checked_with) = text, self.viewed.as_context(intake.user_id)
        self.services.check_privately(_with_text(intake, draft), customer, checked_with or NO_CONTEXT)

    def _tell(self, intake: Intake, sentence: str) -> None:
        self.services.delivery.tell(intake, blocks.notice_blocks(sentence), sentence)


def _with_text(intake: Intake, text: str) -> Intake:
    return Intake(**{**intake.__dict__, "text": text})
