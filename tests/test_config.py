"""Configuration errors stop the program with a message naming the file, the key and what is expected."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.errors import ConfigError
from bot.settings import load_settings, read_environment
from conftest import REPO


def _load(config: Path, **env: str) -> Assistant:
    return Assistant.load(environ={"COMPOSURE_CONFIG": str(config), **env}, dotenv_path=None)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_default_config_loads(assistant):
    policy = assistant.settings.policy
    assert policy.max_discount_percent == 15 and policy.refund and policy.currency == "USD"
    assert assistant.settings.contacts.lead_channel.startswith("#")
    assert assistant.settings.voice.follow_up_hours == 24


@pytest.mark.parametrize("file, old, new, expected", [
    ("policy.toml", "max_percent = 15", 'max_percent = "fifteen"', ["policy.toml", "discount.max_percent", "a number"]),
    ("policy.toml", "max_percent = 15", "max_percent = 150", ["discount.max_percent", "from 0 to 100", "150"]),
    ("policy.toml", "allowed = true", "allowed = 1", ["refund.allowed", "true or false"]),
    ("policy.toml", 'currency = "USD"', 'curency = "USD"', ["curency", "unknown key"]),
    ("voice.toml", "follow_up_hours = 24", "follow_up_hours = 0", ["voice.toml", "follow_up_hours", "whole number"]),
    ("voice.toml", 'company_name = "Acme"', 'company_name = ""', ["company_name", "non-empty"]),
    ("voice.toml", "public_follow_up_hours = 4", "public_follow_up_hours = 0", ["voice.toml", "public_follow_up_hours"]),
    ("escalation.toml", 'lead_channel = "#support-escalations"', "", ["escalation.toml", "lead_channel", "missing"]),
    ("policy.toml", "[discount]", "[discount", ["policy.toml", "invalid TOML", "line"]),
    ("work.toml", "viewing_minutes = 15", "viewing_minutes = 0", ["work.toml", "viewing_minutes", "from 1 to 1440", "0"]),
    ("work.toml", "awaiting_minutes = 10", 'awaiting_minutes = "10m"', ["work.toml", "awaiting_minutes", "a number"]),
    ("work.toml", "awaiting_minutes = 10", "awaiting_minutes = 10\nawaiting_minute = 5", ["awaiting_minute",
                                                                                        "did you mean 'awaiting_minutes'"]),
    ("reading.toml", 'claims = ["order"]', 'claims = ["orders"]', ["reading.toml", "topics.meal.claims", "'orders'", "not a topic"]),
    ("reading.toml", 'lookup = "Which model is {object}', 'lookup = "Which model is {thing}',
     ["reading.toml", "topics.device.lookup", "{object}"]),
    ("situations.toml", 'not_for = ["item", "meal", "luggage", "parcel", "journey", "order"]', 'not_for = "item"',
     ["situations.toml", "remedies.troubleshoot.not_for"]),
    ("situations.toml", "[situations.not_arrived.by_topic.message]", "[situations.not_arrived.by_topic.mesage]",
     ["situations.toml", "situations.not_arrived.topics", "'mesage'"]),
    ("situations.toml", 'steps = ["Check the address on the account', 'step = ["Check the address on the account',
     ["situations.not_arrived.by_topic.message.", "step"]),
    # a regular expression among the phrase cues would be matched letter for letter and never fire
    ("analysis.toml", '"watchdog" = 0.8', "'\\bwatchdogs?\\b' = 0.8", ["analysis.toml", "watchdogs?", "belongs under `patterns` or `frames`"]),
    # a situation that takes over for a topic must exist and take that topic
    ("situations.toml", 'becomes = "software_fault"', 'becomes = "software_faults"',
     ["situations.toml", "situations.not_working.by_topic.website.becomes", "'software_faults'"]),
    ("situations.toml", '[situations.late.by_topic.route]\nbecomes = "flight_disrupted"', '[situations.late.by_topic.route]\nbecomes = "outage"',
     ["situations.late.by_topic.route.becomes", "takes the topic 'route'", "'outage'"]),
    ("situations.toml", 'becomes = "software_fault"', 'becomes = "software_fault"\nquestions = ["Which app?"]',
     ["situations.not_working.by_topic.website.", "alone in its table"]),
    ("reading.toml", 'when_situation = { refund_pending = "chase_refund" }', 'when_situation = { refund_pending = "chase" }',
     ["reading.toml", "wants.refund.when_situation", "'chase'"]),
    ("reading.toml", 'when_situation = { refund_pending = "chase_refund" }', 'when_situation = { refund_pendng = "chase_refund" }',
     ["reading.toml", "wants.refund.when_situation", "'refund_pendng'"]),
    ("reading.toml", "[complained_of]\nstates =", "[complained_of]\nstate =", ["reading.toml", "complained_of", "state"]),
    ("reading.toml", 'not_things = ["staff"', 'not_things = [7', ["reading.toml", "complained_of.not_things"]),
])
def test_config_errors_name_file_key_and_expectation(config_copy, file, old, new, expected):
    _replace(config_copy / file, old, new)
    with pytest.raises(ConfigError) as info:
        _load(config_copy)
    for fragment in expected:
        assert fragment in str(info.value)


def test_missing_config_folder_is_explained(tmp_path):
    with pytest.raises(ConfigError, match="COMPOSURE_CONFIG"):
        _load(tmp_path / "nowhere")


def test_a_file_missing_from_a_teams_folder_is_taken_from_the_built_in_configuration(config_copy):
    """The team's folder overrides the built-in one file by file (bot.locations.config_file), so a copy made
    before a later version added a file keeps working."""
    (config_copy / "voice.toml").unlink()
    assert _load(config_copy).settings.voice.sign_off == "Best regards"


def test_agent_view_expiries_come_from_work_toml(config_copy, fake_slack, tmp_path):
    from slack_harness import SlackHarness

    assert _load(config_copy).settings.work.viewing_minutes == 15
    assert _load(config_copy).settings.work.awaiting_minutes == 10
    _replace(config_copy / "work.toml", "viewing_minutes = 15", "viewing_minutes = 30")
    _replace(config_copy / "work.toml", "awaiting_minutes = 10", "awaiting_minutes = 2.5")
    harness = SlackHarness(fake_slack, _load(config_copy), tmp_path / "slack.db")
    try:
        conversations = harness.services.conversations
        assert (conversations.viewing_for, conversations.awaiting_for) == (timedelta(minutes=30), timedelta(minutes=2.5))
    finally:
        harness.close()


def test_a_work_toml_from_before_the_agent_view_keeps_the_default_expiries(config_copy):
    work = config_copy / "work.toml"
    work.write_text(work.read_text().split("# Under Slack's agent view")[0])
    settings = _load(config_copy).settings.work
    assert (settings.viewing_minutes, settings.awaiting_minutes) == (15, 10)


def test_bad_engine_value(config_copy):
    with pytest.raises(ConfigError, match="COMPOSURE_ENGINE"):
        _load(config_copy, COMPOSURE_ENGINE="gpt")


def test_environment_defaults_and_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nCOMPOSURE_ENGINE=offline\n")
    env = read_environment({"COMPOSURE_ENGINE": "auto"}, dotenv)
    assert env.slack_bot_token == "xoxb-from-file"
    assert env.engine == "auto"  # the process environment wins over .env
    assert env.slack_api_url == "https://slack.com/api/"
    assert "xoxb" not in repr(env)


def test_settings_are_one_typed_object(config_copy):
    settings = load_settings({"COMPOSURE_CONFIG": str(config_copy)}, None)
    assert settings.config_dir == config_copy
    assert isinstance(settings.policy.max_store_credit, (int, float))


def test_model_timing_and_format_can_be_set_from_the_environment():
    from bot.assistant import Assistant

    a = Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), "COMPOSURE_MODEL_TIMEOUT": "90",
                                "COMPOSURE_MODEL_DEADLINE": "180", "COMPOSURE_MODEL_FORMAT": "json_object_schema"},
                       dotenv_path=None)
    assert (a.settings.model.request_timeout_seconds, a.settings.model.deadline_seconds) == (90, 180)
    assert a.settings.model.structured_output == "json_object_schema"


@pytest.mark.parametrize("var, value", [("COMPOSURE_MODEL_TIMEOUT", "soon"), ("COMPOSURE_MODEL_DEADLINE", "-1"),
                                        ("COMPOSURE_MODEL_FORMAT", "xml"), ("COMPOSURE_MODEL_MAX_TOKENS", "1.5")])
def test_a_bad_model_override_names_the_variable(var, value):
    from bot.assistant import Assistant

    with pytest.raises(ConfigError, match=var):
        Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), var: value}, dotenv_path=None)
