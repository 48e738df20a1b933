"""One dispatcher in its own process, for the crash and concurrency tests.

usage: python tests/dispatcher_process.py DATABASE_URL SLACK_API_URL WORKER_ID
"""

from __future__ import annotations

import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from slack_sdk import WebClient  # noqa: E402

from bot.followups.dispatcher import DispatchSettings, Dispatcher  # noqa: E402
from bot.followups.store import FollowUpStore  # noqa: E402
from bot.slack.client import retry_handlers  # noqa: E402
from bot.slack.reminders import SlackReminderPoster  # noqa: E402
from bot.storage.database import open_engine  # noqa: E402

LEASE_SECONDS = 2.0


def main() -> None:
    database_url, slack_url, worker = sys.argv[1:4]
    client = WebClient(token="xoxb-test", base_url=slack_url, timeout=10)
    client.retry_handlers.extend(retry_handlers(backoff_factor=0.01))
    dispatcher = Dispatcher(FollowUpStore(open_engine(database_url)), SlackReminderPoster(client, "#support-escalations"),
                            worker, DispatchSettings(interval=0.05, batch=20, lease=timedelta(seconds=LEASE_SECONDS),
                                                     per_channel_gap=0.0))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    dispatcher.run_forever(stop)


if __name__ == "__main__":
    main()
