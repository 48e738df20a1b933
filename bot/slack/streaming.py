"""The model's drafts streamed into the agent's own DM (chat.startStream / appendStream / stopStream).

A streamed message is a thread reply that everyone in the conversation sees, so Composure streams
only in its DM with the agent, under the agent's message; anywhere else, and on private surfaces
(ephemeral messages, response_url), the offline suggestion is replaced in place as before.
Where Slack refuses to start a stream (an older workspace, a method error) the offline message is
updated with chat.update; a stream that fails once started is finished with chat.update on its ts.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks
from bot.slack.delivery import Placeholder
from bot.slack.intake import Intake
from bot.suggestion import Suggestion

log = logging.getLogger("composure.slack")


def may_stream(intake: Intake, where: Placeholder) -> bool:
    """Only the agent's DM with Composure, as a reply in the thread their message started."""
    return (intake.source == "dm" and intake.channel_id.startswith("D") and bool(intake.thread_ts)
            and where.kind == "dm" and where.channel == intake.channel_id)


class DraftStream:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def deliver(self, intake: Intake, where: Placeholder, better: Suggestion, suggestion_id: str) -> Placeholder:
        """Stream `better`'s drafts below the offline suggestion in `where`; returns where they now live."""
        if not may_stream(intake, where):
            raise ValueError("drafts are streamed only into the agent's own DM thread")
        stream = self.client.chat_stream(channel=intake.channel_id, thread_ts=intake.thread_ts, buffer_size=1)
        try:
            for piece in blocks.drafts_markdown(better):
                stream.append(markdown_text=piece)
            stream.stop(blocks=blocks.suggestion_buttons(suggestion_id, native_feedback=True))
            return Placeholder("dm", channel=intake.channel_id, ts=stream.ts or "")
        except SlackApiError as exc:
            error = exc.response.get("error")
            full, text = blocks.suggestion_blocks(better, suggestion_id, native_feedback=True), blocks.suggestion_text(better)
            if stream.ts is None:  # never started: no streaming here, so the offline message is replaced as before
                log.info("streaming unavailable (%s); updating the suggestion in place", error)
                self.client.chat_update(channel=where.channel, ts=where.ts, text=text, blocks=full)
                return where
            log.info("the stream stopped (%s); finishing the message with chat.update", error)
            self.client.chat_update(channel=intake.channel_id, ts=stream.ts, text=text, blocks=full)
            return Placeholder("dm", channel=intake.channel_id, ts=stream.ts)
