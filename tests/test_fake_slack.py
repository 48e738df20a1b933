"""The fake Slack Web API, exercised with the real slack_sdk clients."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from fakes.loopback import in_background
from fakes.slack_api import Call, FakeSlack, fake_slack  # noqa: F401 - fixture


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake_slack.url, timeout=5)


def test_url_shape_and_auth_test(fake_slack: FakeSlack, client: WebClient) -> None:
    assert fake_slack.url == f"http://127.0.0.1:{fake_slack.port}/api/"
    resp = client.auth_test()
    assert resp["user_id"] == "UBOT" and resp["bot_id"] == "BBOT" and resp["team_id"] == "T1"
    assert resp["user"] == "composure" and resp["url"].startswith("https://")
    call = fake_slack.last("auth.test")
    assert call.token == "xoxb-test" and call.outcome == "ok" and call.status == 200
    assert isinstance(call.at, float) and call.at <= time.monotonic()


def test_post_message_ephemeral_update_delete(fake_slack: FakeSlack, client: WebClient) -> None:
    first = client.chat_postMessage(channel="C1", text="hello")
    second = client.chat_postMessage(channel="C1", text="again", thread_ts=first["ts"])
    assert first["ts"] == "1700000000.000100" and second["ts"] == "1700000000.000200"
    assert first["channel"] == "C1"
    message = first["message"]
    assert message["text"] == "hello" and message["user"] == "UBOT" and message["bot_id"] == "BBOT"
    assert message["ts"] == first["ts"] and message["blocks"] == []

    dm = client.chat_postMessage(channel="UCUST", text="psst")
    assert dm["channel"] == "DCUST"
    named = client.chat_postMessage(channel="#support", text="to a name")
    assert named["channel"].startswith("C") and named["channel"] == client.chat_postMessage(
        channel="support", text="same channel")["channel"]

    eph = client.chat_postEphemeral(channel="C1", user="UCUST", text="only you")
    assert eph["message_ts"] > second["ts"]

    upd = client.chat_update(channel="C1", ts=first["ts"], text="edited")
    assert (upd["channel"], upd["ts"], upd["text"]) == ("C1", first["ts"], "edited")
    assert fake_slack.messages("C1")[0]["text"] == "edited"

    deleted = client.chat_delete(channel="C1", ts=second["ts"])
    assert (deleted["channel"], deleted["ts"]) == ("C1", second["ts"])
    assert [m["ts"] for m in fake_slack.messages("C1")] == [first["ts"]]

    with pytest.raises(SlackApiError) as err:
        client.chat_update(channel="C1", ts="1.000001", text="nope")
    assert err.value.response["error"] == "message_not_found"

    assert fake_slack.methods() == ["chat.postMessage"] * 5 + ["chat.postEphemeral", "chat.update",
                                                              "chat.delete", "chat.update"]
    assert fake_slack.calls_to("chat.postMessage")[1].params["thread_ts"] == first["ts"]
    assert all(c.token == "xoxb-test" for c in fake_slack.calls)


def test_conversations_open_replies_and_history(fake_slack: FakeSlack, client: WebClient) -> None:
    opened = client.conversations_open(users="UCUST")
    assert opened["channel"]["id"] == "DCUST" and "already_open" not in opened
    assert client.conversations_open(users="UCUST")["already_open"] is True

    fake_slack.add_message("C9", "1690000000.000100", "my order is late", user="UCUST")
    fake_slack.add_message("C9", "1690000001.000100", "sorry to hear", user="UAGENT", thread_ts="1690000000.000100")
    fake_slack.add_message("C9", "1690000002.000100", "still waiting", user="UCUST", thread_ts="1690000000.000100")
    fake_slack.add_message("C9", "1690000003.000100", "unrelated", user="UOTHER")
    posted = client.chat_postMessage(channel="C9", text="a suggestion", thread_ts="1690000000.000100")

    replies = client.conversations_replies(channel="C9", ts="1690000000.000100")
    texts = [m["text"] for m in replies["messages"]]
    assert texts == ["my order is late", "sorry to hear", "still waiting", "a suggestion"]
    parent = replies["messages"][0]
    assert parent["thread_ts"] == parent["ts"] and parent["reply_count"] == 3
    assert parent["reply_users"] == ["UAGENT", "UCUST", "UBOT"] and parent["latest_reply"] == posted["ts"]
    assert all(m["parent_user_id"] == "UCUST" and m["thread_ts"] == parent["ts"] for m in replies["messages"][1:])
    assert replies["has_more"] is False

    # asking with a reply's ts answers the whole thread, as Slack does
    again = client.conversations_replies(channel="C9", ts="1690000001.000100")
    assert [m["ts"] for m in again["messages"]] == [m["ts"] for m in replies["messages"]]

    history = client.conversations_history(channel="C9")
    assert [m["text"] for m in history["messages"]] == ["unrelated", "my order is late"]
    assert history["has_more"] is False

    with pytest.raises(SlackApiError) as err:
        client.conversations_replies(channel="C404", ts="1.000001")
    assert err.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as err:
        client.conversations_replies(channel="C9", ts="1.000001")
    assert err.value.response["error"] == "thread_not_found"


def test_users_info_and_usergroups(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.add_user("UAGENT", display_name="sam", real_name="Sam Agent", tz="America/New_York",
                        tz_offset=-18000)
    user = client.users_info(user="UAGENT")["user"]
    assert user["id"] == "UAGENT" and user["real_name"] == "Sam Agent" and user["is_bot"] is False
    assert user["profile"]["display_name"] == "sam" and user["profile"]["real_name"] == "Sam Agent"
    assert (user["tz"], user["tz_offset"]) == ("America/New_York", -18000)
    with pytest.raises(SlackApiError) as err:
        client.users_info(user="UNOBODY")
    assert err.value.response["error"] == "user_not_found"
    assert fake_slack.last("users.info").outcome == "user_not_found"

    fake_slack.add_usergroup("support-leads", "S123", ["UAGENT", "ULEAD"])
    assert client.usergroups_users_list(usergroup="S123")["users"] == ["UAGENT", "ULEAD"]
    groups = client.usergroups_list()["usergroups"]
    assert [(g["id"], g["handle"], g["user_count"]) for g in groups] == [("S123", "support-leads", 2)]
    assert "users" not in groups[0]
    assert client.usergroups_list(include_users=True)["usergroups"][0]["users"] == ["UAGENT", "ULEAD"]
    with pytest.raises(SlackApiError) as err:
        client.usergroups_users_list(usergroup="S404")
    assert err.value.response["error"] == "no_such_subteam"


def test_views_and_socket_mode_url(fake_slack: FakeSlack, client: WebClient) -> None:
    modal = {"type": "modal", "callback_id": "rewrite", "title": {"type": "plain_text", "text": "Rewrite"},
             "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
    opened = client.views_open(trigger_id="123.456.abc", view=modal)["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "rewrite"
    assert opened["blocks"] == modal["blocks"] and opened["root_view_id"] == opened["id"]
    updated = client.views_update(view_id=opened["id"], view={**modal, "callback_id": "done"})["view"]
    assert updated["id"] == opened["id"] and updated["callback_id"] == "done"
    pushed = client.views_push(trigger_id="123.456.abd", view=modal)["view"]
    assert pushed["id"] != opened["id"]
    home = client.views_publish(user_id="UAGENT", view={"type": "home", "blocks": []})["view"]
    assert home["type"] == "home" and home["id"].startswith("V")
    assert fake_slack.last("views.open").params["view"] == modal

    app_client = WebClient(token="xapp-test", base_url=fake_slack.url)
    assert app_client.apps_connections_open(app_token="xapp-test")["url"] == "ws://127.0.0.1:1/"


def test_unknown_method_and_missing_token(fake_slack: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as err:
        client.api_call("made.up")
    assert err.value.response["error"] == "unknown_method"
    with pytest.raises(SlackApiError) as err:
        WebClient(base_url=fake_slack.url).chat_postMessage(channel="C1", text="x")
    assert err.value.response["error"] == "not_authed"
    assert fake_slack.last("chat.postMessage").token is None


def test_scripted_not_in_channel_raises(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.fail("chat.postMessage", error="not_in_channel")
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="hello")
    assert err.value.response.status_code == 200
    assert err.value.response["error"] == "not_in_channel"
    # consumed: the next call answers normally
    assert client.chat_postMessage(channel="C1", text="hello")["ok"] is True
    assert [c.outcome for c in fake_slack.calls_to("chat.postMessage")] == ["not_in_channel", "ok"]


def test_scripts_are_consumed_in_order(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.fail("users.info", error="user_not_visible", times=2)
    fake_slack.script("users.info", {"ok": True, "user": {"id": "USCRIPT"}})
    fake_slack.add_user("UREAL", display_name="real")
    outcomes = []
    for _ in range(4):
        try:
            outcomes.append(client.users_info(user="UREAL")["user"]["id"])
        except SlackApiError as e:
            outcomes.append(e.response["error"])
    assert outcomes == ["user_not_visible", "user_not_visible", "USCRIPT", "UREAL"]


def test_rate_limit_is_retried_by_slack_sdk(fake_slack: FakeSlack, client: WebClient) -> None:
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    fake_slack.rate_limit("chat.postMessage", retry_after=0)
    resp = client.chat_postMessage(channel="C1", text="hello")
    assert resp["ok"] is True
    calls = fake_slack.calls_to("chat.postMessage")
    assert [(c.status, c.outcome) for c in calls] == [(429, "ratelimited"), (200, "ok")]
    assert calls[0].response == {"ok": False, "error": "ratelimited"}


def test_rate_limit_without_retry_handler_surfaces_retry_after(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="hello")
    assert err.value.response.status_code == 429
    assert err.value.response["error"] == "ratelimited"
    assert err.value.response.headers["Retry-After"] == "7"


def test_server_error_is_surfaced(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.server_error("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="hello")
    assert err.value.response.status_code == 500
    assert fake_slack.last("chat.postMessage").outcome == "internal_error"
    assert fake_slack.last("chat.postMessage").status == 500


def test_json_in_form_data_is_decoded(fake_slack: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
    attachments = [{"fallback": "f", "text": "t"}]
    # api_call(params=...) sends application/x-www-form-urlencoded, as older clients and Bolt's respond do
    resp = client.api_call("chat.postMessage", params={"channel": "C1", "text": "hi",
                                                        "blocks": json.dumps(blocks),
                                                        "attachments": json.dumps(attachments)})
    assert resp["message"]["blocks"] == blocks
    call = fake_slack.last("chat.postMessage")
    assert call.params["blocks"] == blocks and call.params["attachments"] == attachments
    assert call.params["channel"] == "C1" and "token" not in call.params
    # and a JSON body (what chat_postMessage sends) gives the same
    client.chat_postMessage(channel="C1", text="hi", blocks=blocks)
    assert fake_slack.last("chat.postMessage").params["blocks"] == blocks


def test_get_with_query_params(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UQ", display_name="q")
    req = urllib.request.Request(fake_slack.url + "users.info?user=UQ",
                                 headers={"Authorization": "Bearer xoxb-get"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = json.loads(resp.read())
    assert body["ok"] is True and body["user"]["id"] == "UQ"
    call = fake_slack.last("users.info")
    assert call.http_method == "GET" and call.params == {"user": "UQ"} and call.token == "xoxb-get"


def test_response_url_webhook(fake_slack: FakeSlack) -> None:
    url = fake_slack.response_url("r1")
    assert url == f"http://127.0.0.1:{fake_slack.port}/respond/r1"
    resp = WebhookClient(url=url).send(text="replaced", replace_original=True)
    assert resp.status_code == 200 and resp.body == "ok"
    call = fake_slack.wait_for("response_url:r1")[0]
    assert call.params == {"text": "replaced", "replace_original": True}
    assert call.token is None and call.outcome == "ok"
    WebhookClient(url=url).send(text="gone", delete_original=True, response_type="ephemeral")
    assert fake_slack.responses("r1")[1]["delete_original"] is True
    assert fake_slack.responses("other") == []

    fake_slack.fail("response_url:r1", error="expired_url")
    failed = WebhookClient(url=url).send(text="late")
    assert failed.status_code == 404 and failed.body == "expired_url"
    assert fake_slack.last("response_url:r1").outcome == "expired_url"


def test_wait_for_and_delay(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.delay("chat.postMessage", 3600)
    patient = WebClient(token="xoxb-test", base_url=fake_slack.url, timeout=7200)
    slow, answers = in_background(lambda: patient.chat_postMessage(channel="C1", text="slow"))
    # the call is recorded when it arrives, before the delayed answer goes out
    call = fake_slack.wait_for("chat.postMessage")[0]
    assert call.params["text"] == "slow"
    # the delay is that method's: another one is answered while the slow call still waits
    assert client.auth_test()["ok"] is True and slow.is_alive() and not answers

    with pytest.raises(AssertionError, match=r"chat\.update.*recorded: chat\.postMessage"):
        fake_slack.wait_for("chat.update", timeout=0.1)

    fake_slack.reset()
    assert fake_slack.calls == []
    # the delay is gone for new calls (one delayed would outlast the client's 5 s timeout and raise)
    assert client.chat_postMessage(channel="C1", text="fast again")["ok"] is True
    assert slow.is_alive() and not answers  # the call already waiting still waits
    fake_slack.close()  # which answers it at once
    slow.join(timeout=60)
    assert [a["ok"] for a in answers] == [True]


def test_held_calls_are_answered_when_the_block_ends(fake_slack: FakeSlack, client: WebClient) -> None:
    with fake_slack.held("chat.postMessage"):
        held, answers = in_background(lambda: client.chat_postMessage(channel="C1", text="held"))
        assert fake_slack.wait_for("chat.postMessage")[0].params["text"] == "held"  # recorded on arrival
        assert client.auth_test()["ok"] is True and not answers  # other methods are answered meanwhile
    held.join(timeout=60)
    assert [a["ok"] for a in answers] == [True]
    assert client.chat_postMessage(channel="C1", text="free")["ok"] is True  # the hold ended with the block

    with fake_slack.held():  # every method
        worker, answers = in_background(client.auth_test)
        fake_slack.wait_for("auth.test", count=2)
        assert not answers
    worker.join(timeout=60)
    assert [a["ok"] for a in answers] == [True]


def test_concurrent_calls_are_all_recorded(fake_slack: FakeSlack, client: WebClient) -> None:
    threads = [threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C1", "text": f"m{i}"})
               for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    calls = fake_slack.wait_for("chat.postMessage", count=20, timeout=5)
    assert sorted(c.params["text"] for c in calls) == sorted(f"m{i}" for i in range(20))
    assert len({c.response["ts"] for c in calls}) == 20


def test_close_is_fast_even_with_a_request_in_flight() -> None:
    fake = FakeSlack().start()
    fake.delay("auth.test", 3600)
    client = WebClient(token="xoxb-test", base_url=fake.url, timeout=7200)
    worker, answers = in_background(client.auth_test)
    fake.wait_for("auth.test")
    closing, _ = in_background(fake.close)
    # close() takes about a second at most; had it waited for the delayed answer, an hour
    closing.join(timeout=60)
    assert not closing.is_alive(), "close() waited for the request in flight"
    worker.join(timeout=60)
    assert answers, "the request in flight was neither answered nor dropped"
    fake.close()  # idempotent
    assert not any(t.name.startswith("FakeSlack:") and t.is_alive() for t in threading.enumerate())


def test_context_manager_starts_and_stops() -> None:
    with FakeSlack() as fake:
        port = fake.port
        assert WebClient(token="xoxb-test", base_url=fake.url).auth_test()["ok"] is True
    with pytest.raises(RuntimeError):
        fake.url
    with pytest.raises(Exception):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/auth.test", timeout=1)
