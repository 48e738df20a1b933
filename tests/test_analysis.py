"""The offline analysis: every signal with positives and hard negatives (our own sentences, not
from any evaluation file), negation, intensity, Slack markup, quoted text, mixed signals,
evidence, severity, root cause, escalation, and configuration errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot import SIGNALS
from bot.learned import default_model
from bot.analysis import analyze, measure_intensity
from bot.assistant import Assistant
from bot.errors import ConfigError
from bot.plaintext import analysis_view, prepare
from bot.cue_patterns import leading_words
from bot.rules import load_rules

from analysis_cases import CASES, FRAMES, PARAPHRASES  # tests/ is on the path, as for conftest's helpers

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def analyse(assistant):
    return assistant.analyze_text


def _names(analyse, text):
    return set(analyse(text).signal_names)


@pytest.mark.parametrize("signal, text", [(s, t) for s, (pos, _) in CASES.items() for t in pos])
def test_signal_found(analyse, signal, text):
    assert signal in _names(analyse, text), f"{signal} not found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (_, neg) in CASES.items() for t in neg])
def test_signal_not_found_in_hard_negative(analyse, signal, text):
    assert signal not in _names(analyse, text), f"{signal} wrongly found in {text!r}"


def test_every_signal_has_cases():
    assert set(CASES) == set(SIGNALS)


# CASES and PARAPHRASES (tests/analysis_cases.py) are the earlier rounds; FRAMES exercises the
# general frames (verb families, synonym clusters, a cue with its context) with fresh wording.
@pytest.mark.parametrize("signal, text", [(s, t) for s, (pos, _) in FRAMES.items() for t in pos])
def test_general_frame_found(analyse, signal, text):
    assert signal in _names(analyse, text), f"{signal} not found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (_, neg) in FRAMES.items() for t in neg])
def test_general_frame_hard_negative(analyse, signal, text):
    assert signal not in _names(analyse, text), f"{signal} wrongly found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (pos, _) in PARAPHRASES.items() for t in pos])
def test_paraphrase_found(analyse, signal, text):
    assert signal in _names(analyse, text), f"{signal} not found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (_, neg) in PARAPHRASES.items() for t in neg])
def test_paraphrase_hard_negative(analyse, signal, text):
    assert signal not in _names(analyse, text), f"{signal} wrongly found in {text!r}"


# --- evidence ---------------------------------------------------------------------

ALL_POSITIVES = [t for pos, _ in CASES.values() for t in pos]


@pytest.mark.parametrize("text", ALL_POSITIVES)
def test_every_hit_carries_evidence_that_points_at_the_words(assistant, text):
    prepared = prepare(text)
    analysis = analyze(prepared, assistant.rules)
    assert analysis.signals
    model = default_model()
    for hit in analysis.signals:
        assert hit.evidence, f"{hit.name} fired without evidence"
        if all(e.cue == "model" for e in hit.evidence):  # raised by the learned model: over its threshold, and shown
            # with the calibrated confidence of a score there (how often such a score was right out of fold)
            assert hit.score >= model.thresholds[hit.name] - 1e-9
            assert analysis.confidence[hit.name] >= round(model.calibrated(hit.name, model.thresholds[hit.name]), 2) - 0.01
        else:
            assert hit.score >= assistant.rules.signal(hit.name).threshold
        for e in hit.evidence:
            assert e.text.strip() and e.cue
            if e.start >= 0:
                assert prepared.own_words[e.start:e.start + len(e.text)] == e.text


def test_sentiment_words_are_evidence_with_their_valence(analyse):
    hit = analyse("The service was awful and the staff were horrible.").hit("anger") or \
        analyse("The service was awful and the staff were horrible.").hit("complaint")
    valence = [e for e in hit.evidence if "word (" in e.cue]
    assert valence and any("awful" == e.text.lower() for e in valence)
    assert all(re.search(r"\(-\d", e.cue) for e in valence)


def test_combination_evidence_names_both_halves(analyse):
    hit = analyse("Thanks for ignoring all my emails.").hit("sarcasm")
    assert hit is not None
    assert any("with" in e.cue and "ignoring" in e.cue for e in hit.evidence)


# --- negation ---------------------------------------------------------------------

def test_not_angry_just_confused(analyse):
    a = analyse("I'm not angry, just confused about why my bill doubled.")
    assert "confusion" in a.signal_names and "anger" not in a.signal_names
    assert any(e.text.lower() == "angry" for e in a.suppressed)


def test_not_going_to_sue(analyse):
    a = analyse("I'm not going to sue anyone, I'd just like the dent in my car repaired.")
    assert "threat_legal" not in a.signal_names
    assert any(e.text.lower() == "sue" for e in a.suppressed)


def test_negation_stops_at_the_clause(analyse):
    assert "anger" in analyse("It's not the delay, I'm furious about the rudeness.").signal_names


def test_a_condition_is_not_a_negation(analyse):
    names = analyse("If I don't get a refund by Friday I'll dispute the charge with my bank.").signal_names
    assert {"refund_request", "threat_legal", "urgency"} <= set(names)


def test_intensifier_with_a_negator_still_counts(analyse):
    assert "complaint" in analyse("Your support couldn't be more useless.").signal_names


# --- intensity ---------------------------------------------------------------------

def test_intensity_from_capitals_punctuation_and_stretching():
    calm, _ = measure_intensity("My order is late.")
    loud, evidence = measure_intensity("My order is LATE AGAIN!!! Sooooo fed up")
    assert calm == 0 and loud >= 0.5
    assert {e.cue for e in evidence} == {"capitals", "repeated punctuation", "stretched word"}


def test_acronyms_are_not_shouting():
    assert measure_intensity("Can you send the PDF invoice by SMS or to my VPN email?")[0] == 0


def test_intensity_feeds_anger_and_severity(analyse):
    calm = analyse("The engineer did not come and I am annoyed.")
    loud = analyse("The engineer did NOT COME and I am ANNOYED!!!")
    assert loud.hit("anger").score > calm.hit("anger").score
    assert ("low", "medium", "high", "critical").index(loud.severity) >= ("low", "medium", "high", "critical").index(calm.severity)
    assert any(e.cue == "capitals" for e in loud.hit("anger").evidence)


# --- how messages are read: Slack markup, tweets, quotes, code -----------------------

def test_slack_markup_is_read_as_people_see_it(analyse):
    a = analyse("<@U04ABCD12> order <https://shop.example.com/refund-policy|#5521> still hasn't arrived :rage:")
    assert "refund_request" not in a.signal_names  # the URL's words are not the customer's
    assert {"complaint", "anger"} <= set(a.signal_names)
    assert any(e.text == ":rage:" for e in a.hit("anger").evidence)


def test_handles_links_and_user_names_trigger_nothing(analyse):
    for text in ("@Sue can you check my order status?", "<@U123|sue> can you check my order status?",
                 "Ask @DICKS_help or see https://example.com/sue-the-lawyer-refund for details",
                 "RT @angry_idiot: where can I buy the blue one?"):
        assert not analyse(text).signal_names, text


def test_tweet_entities_and_hashtags(analyse):
    a = analyse("RT @bob: waited 3 hours &amp; no one came #fail #NeverAgain")
    assert "complaint" in a.signal_names and "churn_risk" in a.signal_names


@pytest.mark.parametrize("text, complaint", [
    ("Bag sent to the wrong city again #DieIndigo", True),      # a hashtag wishing the company ill is a verdict
    ("Two hours on the phone #BoycottComcast", True),
    ("Loving the new salads #diet #healthy", False),            # not "die"
    ("Front row seats, what a night #diehard", False),
])
def test_a_hashtag_that_wishes_us_ill_is_a_complaint(analyse, text, complaint):
    assert ("complaint" in analyse(text).signal_names) is complaint


def test_quoted_agent_text_is_not_analysed(analyse):
    a = analyse("> If you take legal action we will need your case number.\nThanks, no need, it's sorted now!")
    assert "threat_legal" not in a.signal_names
    assert any("Quoted" in n for n in a.notes)


def test_code_blocks_are_not_analysed(analyse):
    a = analyse("The app shows this:\n```\nFATAL: kill process 42, lawsuit.dll not found\n```\nwhat does it mean?")
    assert "threat_safety" not in a.signal_names and "threat_legal" not in a.signal_names
    assert any("Code" in n for n in a.notes)


def test_view_keeps_positions_of_the_original():
    text = "RT @x: sooooo #NotWorthIt http://t.co/abc really"
    view = analysis_view(text)
    assert "Not Worth It" in view.text and "@x" not in view.text and "http" not in view.text
    start = view.text.index("Worth")
    assert view.source_text(start, start + 5) == "Worth"
    s = view.text.index("so ")
    assert view.source_text(s, s + 2).lower().startswith("s")


# --- mixed signals -------------------------------------------------------------------

def test_mixed_signals(analyse):
    a = analyse("This is the THIRD time my broadband has died this week!!! Refund me today or I'm "
                "switching to a competitor and telling everyone on Twitter.")
    assert {"complaint", "anger", "repeat_contact", "refund_request", "urgency", "churn_risk",
            "public_exposure"} <= set(a.signal_names)
    assert "threat_legal" not in a.signal_names and "abusive" not in a.signal_names


# --- severity, root cause, escalation ---------------------------------------------------

@pytest.mark.parametrize("text, severity, to", [
    ("Hi, can I change my delivery address?", "low", "none"),
    ("My parcel arrived late and the box was damaged.", "low", "none"),
    ("I'll see you in court over this broken washing machine.", "high", "legal"),
    ("If your driver blocks my drive again I'll smash his windscreen.", "critical", "security"),
    # each signal weighs as sure as it is: abuse and a fifth call are high and go to a lead; critical is for danger
    ("You useless idiots, I've called FIVE times and nobody has fixed my internet!!!", "high", "lead"),
])
def test_severity_and_escalation(analyse, text, severity, to):
    a = analyse(text)
    assert a.severity == severity, (a.severity, a.signal_names)
    assert a.escalate.to == to and a.escalate.recommended == (to != "none")


def test_self_harm_goes_to_a_lead_with_care_not_to_security(analyse):
    a = analyse("I can't pay this and honestly everyone would be better off without me.")
    assert "threat_safety" in a.signal_names
    assert a.escalate.to == "lead" and "self-harm" in a.escalate.reason


@pytest.mark.parametrize("text, cause", [
    ("The courier left my parcel in the rain and the tracking says delivered.", "delivery"),
    ("You charged my card twice for the same invoice.", "billing"),
    ("The kettle is faulty, it stopped working after a day.", "product_defect"),
    ("I was on hold for an hour and the agent hung up on me.", "service_failure"),
    ("I was told on the phone that the upgrade was free, now you say it isn't.", "miscommunication"),
    ("The jacket is nothing like the photos, it was advertised as waterproof.", "expectations"),
    ("Your returns policy won't let me send back a sealed item after 14 days.", "policy"),
    ("Hello, I have a question.", "other"),
])
def test_root_cause(analyse, text, cause):
    a = analyse(text)
    assert a.root_cause == cause
    if cause != "other":
        assert a.root_cause_evidence


# --- configuration without code, and its errors -------------------------------------

def test_a_team_can_add_a_cue_in_config(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    for name in ("analysis.toml", "sentiment.toml"):
        (config / name).write_text((REPO / "config" / name).read_text())
    path = config / "analysis.toml"
    text = path.read_text().replace("[signals.churn_risk.cues]\n", '[signals.churn_risk.cues]\n"porting out to" = 1.0\n', 1)
    path.write_text(text)
    rules = load_rules(path)
    a = analyze(prepare("I'm porting out to a cheaper network."), rules)
    assert any(e.cue == "porting out to" for e in a.hit("churn_risk").evidence)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    for name in ("analysis.toml", "sentiment.toml"):
        (config / name).write_text((REPO / "config" / name).read_text())
    path = config / "analysis.toml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize("old, new, key", [
    ('"fed up" = ', '"fed (up" = ', None),  # phrase cues are literal: brackets are fine
    ("[signals.complaint.patterns]\n", "[signals.complaint.patterns]\n'(unclosed' = 1.0\n", "signals.complaint.patterns.(unclosed"),
    ("[signals.bargaining]\n", "[signals.haggling]\nthreshold = 1.0\n\n[signals.bargaining]\n", "signals.haggling"),
    ('"furious" = ', '"furious" = "very" #', "signals.anger.cues.furious"),
    ("[signals.urgency]\n# Explicit time pressure: ASAP, urgent, today, a near deadline. \"No rush\" is the opposite.\nthreshold = 1.0\n",
     "[signals.urgency]\n", "signals.urgency.threshold"),
    ("[signals.sarcasm]\n", "[signals.sarcasm]\nsarcasm_level = 3\n", "signals.sarcasm.sarcasm_level"),
    ('\nscope = "sentence"', '\nscope = "paragraph"', "combos[0].scope"),
    ('lexicon = "sentiment.toml"', 'lexicon = "missing.toml"', "sentiment.lexicon"),
    ("window = 3", "window = 0", "negation.window"),
    ('from_signals = { complaint = 0.4 }', 'from_signals = { complain = 0.4 }', "from_signals.complain"),
    ('security = ["threat_safety"]', 'security = ["violence"]', "escalation.security"),
])
def test_malformed_config_names_file_and_key(tmp_path, old, new, key):
    path = _broken(tmp_path, old, new)
    if key is None:
        load_rules(path)
        return
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    message = str(info.value)
    assert str(path) in message and key in message, message


def test_malformed_lexicon_names_its_file(tmp_path):
    path = _broken(tmp_path, "window = 3", "window = 3")
    lexicon = path.parent / "sentiment.toml"
    lexicon.write_text(lexicon.read_text().replace("abandon = ", "abandon = \"bad\" #", 1))
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert "sentiment.toml" in str(info.value) and "words.abandon" in str(info.value)


def test_assistant_refuses_a_broken_config(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO / "config", config)
    path = config / "analysis.toml"
    path.write_text(path.read_text().replace("threshold = 1.00", "threshold = -1", 1))
    with pytest.raises(ConfigError, match="analysis.toml.*threshold"):
        Assistant.load(environ={"COMPOSURE_CONFIG": str(config)}, dotenv_path=None)


# --- general frames, vocabulary and welfare ----------------------------------------

@pytest.mark.parametrize("text", ["I'm not going to sue you, relax.", "We never sued anyone and won't start now."])
def test_frames_are_negated_like_cues(analyse, text):
    a = analyse(text)
    assert "threat_legal" not in a.signal_names
    assert any("su" in e.text.lower() for e in a.suppressed)


@pytest.mark.parametrize("text", ["I'm suing.", "They sued us and so will I.", "Suing you is the next step."])
def test_a_verb_family_reads_every_inflection(analyse, text):
    assert "threat_legal" in analyse(text).signal_names


def test_a_frame_does_not_count_the_same_words_twice(analyse):
    hit = analyse("I'm going to sue you.").hit("threat_legal")
    assert hit is not None
    on_sue = sum(e.weight for e in hit.evidence if e.start >= 0 and "sue" in e.text.lower())
    assert on_sue <= 1.0 + 1e-9, hit.evidence


@pytest.mark.parametrize("text", [
    "I can't take this anymore, I don't want to be here.",
    "What's the point of living like this?",
    "I've been stockpiling my sleeping pills.",
    "Not sure I'll still be around by the weekend.",
])
def test_self_harm_in_general_words_goes_to_a_lead_with_care(analyse, text):
    a = analyse(text)
    assert "threat_safety" in a.signal_names
    assert a.escalate.to == "lead" and "self-harm" in a.escalate.reason


@pytest.mark.parametrize("text", [
    "For friends in the remote deserts you are the only civilization they see, and they depend on you for life-saving meds.",
    "Thank you for getting my life saving medication to me during the lockdown.",
    "Your cost-saving tablets are a great idea.",
])
def test_medicine_that_saves_lives_is_no_self_harm(analyse, text):
    a = analyse(text)
    assert "threat_safety" not in a.signal_names and "self-harm" not in a.escalate.reason
    assert "threat_safety" in analyse("I've been saving up my pills, just in case.").signal_names


def test_violence_with_a_welfare_word_still_goes_to_security(analyse):
    a = analyse("I know where your manager lives and I'll be waiting for him.")
    assert "threat_safety" in a.signal_names and a.escalate.to == "security"


@pytest.mark.parametrize("text", ["I've reported you to the BBB.", "Complaint lodged with the ACCC this morning."])
def test_acronyms_with_repeated_letters_are_read_as_written(analyse, text):
    assert "threat_legal" in analyse(text).signal_names


def test_stretched_words_are_still_collapsed():
    assert analysis_view("sooooo late, the BBB will hear").text == "so late, the BBB will hear"


def test_patterns_are_indexed_by_their_first_words():
    assert leading_words(r"\b(?:sue|sues|sued|suing)\b") == frozenset({"sue", "sui"})
    assert leading_words(r"\blawyers?\b|\b(?:i|we)\s+sued\b") == frozenset({"law", "i", "we"})
    assert leading_words(r"\b(?:\d+|two|three)\s+times\b") == frozenset({"\\d", "two", "thr"})
    assert leading_words(r"\b(?:re|pre)view") is None  # "re" may go on into "review": searched everywhere
    assert leading_words(r"(?:^|[.!?]\s+)today\b") is None


def test_a_team_can_add_a_word_family_and_a_frame(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    for name in ("analysis.toml", "sentiment.toml"):
        (config / name).write_text((REPO / "config" / name).read_text())
    path = config / "analysis.toml"
    text = path.read_text()
    text = text.replace("[vocabulary]\n", "[vocabulary]\nrivals = ['acme', 'globex']\n", 1)
    text = text.replace("[signals.churn_risk.frames]\n", "[signals.churn_risk.frames]\n'\\bgoing with {rivals}\\b' = 1.0\n", 1)
    path.write_text(text)
    rules = load_rules(path)
    a = analyze(prepare("Honestly I'm going with Globex next month."), rules)
    assert any("{rivals}" in e.cue for e in a.hit("churn_risk").evidence)
    assert "churn_risk" not in analyze(prepare("I'm not going with Globex, relax."), rules).signal_names


@pytest.mark.parametrize("old, new, key", [
    ("[signals.churn_risk.frames]\n", "[signals.churn_risk.frames]\n'\\b{no_such_family}' = 1.0\n", "no_such_family"),
    ("[vocabulary]\n", "[vocabulary]\nBad-Name = ['x']\n", "vocabulary.Bad-Name"),
    ("[vocabulary]\n", "[vocabulary]\nempty = []\n", "vocabulary.empty"),
    ("[vocabulary]\n", "[vocabulary]\nbroken = ['(unclosed']\n", "vocabulary.broken"),
])
def test_malformed_vocabulary_names_file_and_key(tmp_path, old, new, key):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert str(path) in str(info.value) and key in str(info.value), str(info.value)


# --- speed --------------------------------------------------------------------------

def test_a_very_long_message_is_analysed_on_its_first_part(assistant):
    """Speed is measured in bench/ (python -m bench --only offline), never asserted on a wall clock here."""
    texts = ALL_POSITIVES + [t for _, neg in CASES.values() for t in neg] + [t for p, n in FRAMES.values() for t in p + n]
    long = (" ".join(texts) + " ") * 20
    analysis = assistant.analyze_text(long[:25_000])
    assert any("characters" in n for n in analysis.notes)
    assert analysis.signals