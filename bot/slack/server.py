"""Start the bot: check the tokens with Slack, then serve in Socket Mode or over HTTP.

HTTP mode answers every Slack request at POST /slack/events (Bolt verifies the signature
and rejects timestamps older than five minutes) and GET /healthz with a bare 200.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import io
import logging
import os
import re
import signal
import socket
import sys
import threading
from dataclasses import dataclass

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.assistant import Assistant
from bot.errors import ConfigError
from bot.followups.dispatcher import Dispatcher, DispatchSettings
from bot.followups.store import FollowUpStore
from bot.settings import Environment
from bot.slack import wellformed
from bot.slack.app import build_app
from bot.slack.client import is_transient, make_client
from bot.slack.reminders import SlackReminderPoster
from bot.slack.work import Workers
from bot.storage.history import History

log = logging.getLogger("composure.slack")
EVENTS_PATH = "/slack/events"
MAX_BODY = 512 * 1024  # Slack's payloads are a few KB (a 40,000-character message escaped stays under this)
APP_TOKEN_FIX = ("create an app-level token with the connections:write scope (Basic Information > App-Level Tokens), "
                 "check Socket Mode is enabled for the app, and put the token in SLACK_APP_TOKEN")


def check_tokens(env: Environment, http: bool) -> None:
    """Refuse to start without what the chosen mode needs, saying which variable and what to do."""
    if not env.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app's "
                          "OAuth & Permissions page into .env")
    if not env.slack_bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page)")
    if http and not env.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: HTTP mode needs the Signing Secret from your Slack app's "
                          "Basic Information page")
    if not http:
        if not env.slack_app_token:
            raise ConfigError("SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) with the "
                              "connections:write scope (Basic Information > App-Level Tokens), or run `serve --http`")
        if not env.slack_app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens)")


def _ask_slack(client, call, variable: str, fix: str):
    """One start-up call to Slack; a refusal names the token's variable and what to do about it."""
    try:
        return call()
    except SlackApiError as exc:
        if is_transient(exc):  # Slack is in trouble (429 / 5xx after slack_sdk's retries): not the token's fault
            raise ConfigError(f"the Slack Web API at SLACK_API_URL={client.base_url} is not answering properly "
                              f"(HTTP {exc.response.status_code}); Slack may be having an outage: try again in a few "
                              "minutes") from None
        error = exc.response.get("error", "unknown_error")
        raise ConfigError(f"{variable} was rejected by Slack ({error}): {fix}") from None
    except (SlackClientError, OSError) as exc:
        raise ConfigError(f"cannot reach the Slack Web API at SLACK_API_URL={client.base_url} ({type(exc).__name__}); "
                          "check the URL and the network") from None


def authenticate(client) -> str:
    """auth.test; returns the bot's user id, or stops with what went wrong."""
    return _ask_slack(client, client.auth_test, "SLACK_BOT_TOKEN",
                      "copy a fresh Bot User OAuth Token from OAuth & Permissions, and check the app is installed "
                      "in the workspace")["user_id"]


def check_app_token(client, app_token: str) -> None:
    """apps.connections.open, as Socket Mode will call it, so a refused app-level token stops start-up
    with one sentence before anything runs (the Socket Mode client would log an error and raise)."""
    _ask_slack(client, lambda: client.apps_connections_open(app_token=app_token), "SLACK_APP_TOKEN", APP_TOKEN_FIX)


def _refuse(start_response, status: str, text: str) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
    return [text.encode()]


def _signed(secret: bytes, raw: bytes, timestamp: str, signature: str) -> bool:
    """Slack's v0 signature over the raw bytes (Bolt checks it again, with the timestamp's age, after)."""
    expected = "v0=" + hmac.new(secret, b"v0:" + timestamp.strip().encode() + b":" + raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def _guarded(handler, secret: bytes | None, environ, start_response):
    """Refuse cheaply what cannot be Slack's, before anything is parsed (see bot.slack.wellformed).

    A body over MAX_BODY is refused unread (413); an unsigned or wrongly signed one is refused
    after one HMAC and nothing else (401), so hostile bodies can't hold up real acknowledgements.
    A timestamp that is not a number can never verify, but Bolt's check raises on it (a 500):
    401, as for any bad signature. A signed body Bolt cannot parse or route: 400.
    """
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    if timestamp is not None and not re.fullmatch(r"\s*-?[0-9]+\s*", timestamp):
        return _refuse(start_response, "401 Unauthorized", "invalid request")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _refuse(start_response, "400 Bad Request", "bad request")
    if length > MAX_BODY:
        return _refuse(start_response, "413 Payload Too Large", "request too large")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    if secret and not _signed(secret, raw, timestamp or "", environ.get("HTTP_X_SLACK_SIGNATURE", "")):
        return _refuse(start_response, "401 Unauthorized", "invalid request")
    why = wellformed.problem(raw, environ.get("CONTENT_TYPE", ""))
    if why:
        log.info("refused a request body Bolt cannot handle: %s", why)
        return _refuse(start_response, "400 Bad Request", "bad request")
    environ["wsgi.input"] = io.BytesIO(raw)  # Bolt reads the body again
    return handler(environ, start_response)


def wsgi_app(app: App, signing_secret: str | None = None):
    """Bolt's WSGI handler behind a tiny router: /slack/events for Slack, /healthz for load balancers."""
    handler = SlackRequestHandler(app, path=EVENTS_PATH)
    secret = signing_secret if signing_secret is not None else getattr(app, "_signing_secret", "")  # Bolt keeps it there
    secret = secret.encode() if secret else None

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz" and method in ("GET", "HEAD"):
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")])
            return [b"ok"]
        if path == EVENTS_PATH and method == "POST":
            return _guarded(handler, secret, environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"not found"]

    return application


@dataclass
class Running:
    """A started server, for tests and benchmarks: where it listens and how to stop it."""

    port: int
    stop: callable
    app: App
    thread: threading.Thread | None = None


GIL_SWITCH_SECONDS = 0.001  # hand the interpreter over more often, so an acknowledgement never waits ~5 ms behind work


def listen_http(app: App, host: str, port: int, threads: int = 8):
    """Take the port (nothing is answered until run_http), so a port that cannot be had stops start-up
    with one sentence before anything else runs."""
    from waitress.server import create_server

    try:
        return create_server(wsgi_app(app), host=host, port=port, threads=threads, ident="composure",
                             max_request_body_size=MAX_BODY)  # waitress refuses bigger bodies before buffering them
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            problem = f"port {port} is already in use by another program: stop that program, or"
        elif exc.errno == errno.EACCES:
            problem = f"this user may not listen on port {port} (ports below 1024 need administrator rights):"
        else:
            problem = f"cannot listen on port {port} ({exc.strerror or exc}):"
        raise ConfigError(f"{problem} choose another port with --port or PORT") from None


def start_http(app: App, host: str, port: int, threads: int = 8) -> Running:
    return run_http(app, listen_http(app, host, port, threads))


def run_http(app: App, server) -> Running:
    """Answer on a port listen_http took, in a thread."""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except OSError:
            # close() from another thread pulls the listening socket from under waitress's select():
            # EBADF then is the server stopping, as asked; at any other time it is a real failure.
            if not stopping.is_set():
                raise

    def stop() -> None:
        stopping.set()
        server.close()  # the thread ends on its own within waitress's loop timeout

    thread = threading.Thread(target=run, name="composure-http", daemon=True)
    thread.start()
    return Running(port=server.effective_port, stop=stop, app=app, thread=thread)


def _not_token_unused(record: logging.LogRecord) -> bool:
    """Bolt takes SLACK_BOT_TOKEN from the environment even when token=None is passed (`token or
    os.environ[...]`), then warns that the client we give it wins. It does, on purpose: that one warning goes."""
    return record.getMessage() != warning_client_prioritized_and_token_skipped()


def prepare(assistant: Assistant, http: bool) -> tuple[App, History, Workers]:
    env = assistant.settings.env
    logging.getLogger(f"slack_bolt.{App.__name__}").addFilter(_not_token_unused)  # Bolt's own logger for App
    check_tokens(env, http)
    client = make_client(env)
    bot_user_id = authenticate(client)
    if not http:
        check_app_token(client, env.slack_app_token)
    history = History.open(env.database_url)
    app, _, workers = build_app(assistant, history, client, bot_user_id, env.slack_signing_secret if http else "")
    return app, history, workers


def start_dispatcher(assistant: Assistant, app: App, history: History):
    """The follow-up dispatcher, in this process; any number of instances may run one."""
    settings = assistant.settings
    dispatcher = Dispatcher(FollowUpStore(history.engine), SlackReminderPoster(app.client, settings.contacts.lead_channel),
                            worker_id=f"{socket.gethostname()}-{os.getpid()}",
                            settings=DispatchSettings.from_config(settings.followups))
    return dispatcher.start()


def stop_signal() -> threading.Event:
    """Set by SIGTERM (a deploy) or Ctrl-C, so serving can stop in order instead of dying mid-work."""
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    return stopping


def serve(assistant: Assistant, http: bool, port: int, dispatcher: bool = True) -> int:
    """Serve until SIGTERM or Ctrl-C; then stop accepting, drain the work in hand (bot.slack.work) and
    hand back what did not finish, for another instance or the next start to resume."""
    app, history, workers = prepare(assistant, http)
    env = assistant.settings.env
    server = listen_http(app, "0.0.0.0", port) if http else None
    stopping = stop_signal()
    dispatch = start_dispatcher(assistant, app, history) if dispatcher else None
    if dispatch is None:
        log.info("follow-up dispatcher not started here (--no-dispatcher)")
    workers.start()  # also resumes work a stopped instance left
    if http:
        running = run_http(app, server)
        log.info("serving Slack over HTTP on port %s (POST %s, GET /healthz)", running.port, EVENTS_PATH)
        stop_accepting, serving = running.stop, running.thread.is_alive
    else:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("connecting to Slack in Socket Mode")
        handler = SocketModeHandler(app, env.slack_app_token, web_client=app.client)
        _ask_slack(app.client, handler.connect, "SLACK_APP_TOKEN", APP_TOKEN_FIX)  # refused since prepare() checked it
        stop_accepting, serving = handler.close, lambda: True
    while not stopping.wait(0.5) and serving():
        pass
    log.info("stopping: no new work accepted; draining what is in hand")
    stop_accepting()
    handed_back = workers.drain()
    if dispatch is not None:
        dispatch[1].set()
    log.info("stopped; %d piece(s) of unfinished work handed back", handed_back)
    return 0
