"""What the agent and the person running Composure are told about the model: one plain sentence, no
schema words, never the model's own text; the setting to change when configuration is the cause;
every stderr line prefixed "composure:"."""

from __future__ import annotations

import io
import re
import socket

import pytest
from fakes.openai_api import FakeOpenAI
from test_llm_engine import answer, on_the_fake

from conftest import clean_env, run_cli

JARGON = re.compile(r"json|schema|response_format|\breplies/|\bchoices\b|'type'|\{|\}", re.I)
PARCEL = "My parcel is late and I'm annoyed."


def model_notes(s) -> list[str]:
    return [n for n in s.notes if "model" in n or "draft" in n or "offline" in n]


def assert_plain(note: str) -> None:
    assert not JARGON.search(note), note
    assert len(re.findall(r"[.!?](?:\s|$)", note)) <= 1, note  # one sentence


@pytest.mark.parametrize("script", [
    lambda f: (f.reply('{"replies": {"empathetic": "MODEL-WORDS-1"}}'), f.reply('{"drafts": "MODEL-WORDS-2"}')),
    lambda f: (f.reply("MODEL-WORDS-1 not json"), f.reply("MODEL-WORDS-2 still not json")),
    lambda f: f.reply('{"replies": {"empathetic": "MODEL-WORDS-1', finish_reason="length"),
])
def test_an_unusable_answer_is_one_plain_sentence_without_the_models_words(model_fake, script):
    assistant, fake = model_fake
    script(fake)
    s = assistant.suggest_with(PARCEL, engine="openai")
    [note] = model_notes(s)
    assert s.engine == "offline-fallback" and "MODEL-WORDS" not in note
    assert_plain(note)


def test_refused_drafts_are_named_without_quoting_them(model_fake):
    assistant, fake = model_fake
    data = answer()
    data["replies"][0]["text"] = "I'm so sorry about the parcel. Your refund has been processed already and I've added $300 credit."
    data["replies"][2]["text"] = "Dear customer, about your parcel: I can add a store credit of $275 for the trouble."
    fake.reply(data)
    s = assistant.suggest_with(PARCEL, engine="openai")
    notes = [n for n in s.notes if "instead" in n]
    assert len(notes) == 2, s.notes
    for note in notes:
        assert "$300" not in note and "$275" not in note and "processed" not in note
        assert_plain(note)


@pytest.mark.parametrize("setup, setting", [
    (lambda f: f.error(404, "The model `test-model` does not exist", code="model_not_found"), "OPENAI_MODEL"),
    (lambda f: f.error(401, "Incorrect API key provided", code="invalid_api_key"), "OPENAI_API_KEY"),
    (lambda f: f.reply('{"replies": {"empathetic": "Hi', finish_reason="length"), "COMPOSURE_MODEL_MAX_TOKENS"),
    (lambda f: [f.hang(60) for _ in range(3)], "COMPOSURE_MODEL_TIMEOUT"),
])
def test_a_configuration_problem_names_the_setting_to_change(model_fake, setup, setting):
    assistant, fake = model_fake
    setup(fake)
    s = assistant.suggest_with(PARCEL, engine="openai")
    assert any(setting in n for n in s.notes), s.notes


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_cli_stderr_lines_all_carry_the_prefix_when_nothing_listens():
    env = clean_env(OPENAI_BASE_URL=f"http://127.0.0.1:{_closed_port()}/v1", OPENAI_API_KEY="sk-test")
    result = run_cli("suggest", "--json", "--engine", "openai", PARCEL, env=env)
    assert result.returncode == 0 and '"engine": "offline-fallback"' in result.stdout
    assert "OPENAI_BASE_URL" in result.stdout  # the note names the setting
    assert all(line.startswith("composure:") for line in result.stderr.splitlines()), result.stderr


def test_cli_stderr_lines_all_carry_the_prefix_when_the_answer_is_cut_off():
    with FakeOpenAI(kind="llama-server", context_tokens=8192) as fake:
        fake.default(answer())  # longer than 100 tokens: the server cuts it off
        env = clean_env(OPENAI_BASE_URL=fake.url, OPENAI_API_KEY="sk-test", COMPOSURE_MODEL_MAX_TOKENS="100")
        result = run_cli("suggest", "--engine", "openai", PARCEL, env=env)
        assert result.returncode == 0 and "cut off" in result.stdout and "COMPOSURE_MODEL_MAX_TOKENS" in result.stdout
        assert all(line.startswith("composure:") for line in result.stderr.splitlines()), result.stderr


def test_the_interactive_assistant_says_why_in_one_sentence_when_the_model_fails(model_fake):
    from bot.interactive import run_interactive

    assistant, fake = model_fake
    fake.error(401, "Incorrect API key provided", code="invalid_api_key")
    out = io.StringIO()
    run_interactive(assistant, io.StringIO(PARCEL + "\n.\n"), out)
    shown = out.getvalue()
    assert "asking the model" in shown and "The model's version" not in shown
    [line] = [ln for ln in shown.splitlines() if ln.startswith("composure:")]
    assert "OPENAI_API_KEY" in shown.split("composure:")[1]


@pytest.fixture
def model_fake(fake_openai, config_copy):
    return on_the_fake(fake_openai, config_copy), fake_openai
