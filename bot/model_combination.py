"""How the rules and the learned model combine into the signals shown: per signal as cross-validation chose,
on short messages as on tweets and chats, on letters as on our labelled real letters."""

from __future__ import annotations

import re

from bot.learned import SignalModel
from bot.suggestion import Evidence, SignalHit

# The model learned from tweets and chat lines (the longest 51 words); on a long letter it alone raised 69 signals in
# 440 real letters, 16 of them on thank-you letters ("I'm sorry this is still going on" to a fan): past this length
# the rules and the model combine as cross-validation on our labelled real letters chose (`letter_modes`: the rules
# alone unless the model, either, both agreeing or the trusted cues alone did clearly better there).
MODEL_MAX_WORDS = 80

# Confusion is a question to understand: of the 261 labelled customer tweets with it, 250 ask in a question's form (a
# "?", a question word, "can you", "any update", "help"); of the 2,703 without it, 1,849 do not. The model alone reads
# confusion in a complaint's n-grams ("my email account keeps logging me out and I can't get back in" got an answer
# slot instead of the account look-up): without a question's form it does not raise it.
QUESTION_FORM = re.compile(r"\?|\b(?:how|what|why|where|which|when|who|whether|advise|explain|clarif\w*|confus\w*|unclear|"
                           r"not sure|no idea|wonder\w*|any update|guidance|point (?:me|us) to|help)\b|\b(?:can|could|would|"
                           r"should|do|does|did|is|are|will)\s+(?:you|u|i|we|it|there|this|that|someone|anyone|they)\b", re.I)
NEEDS_A_QUESTION = {"confusion"}


def may_raise_alone(signal: str, text: str) -> bool:
    """Whether the model alone may raise `signal` in `text` (the analysis and the training ask the same)."""
    return signal not in NEEDS_A_QUESTION or bool(QUESTION_FORM.search(text))


def combine_with_model(text: str, hits: list[SignalHit], model: SignalModel, countered: frozenset[str] = frozenset(),
                       trusted: list[SignalHit] | None = None) -> tuple[list[SignalHit], dict[str, float]]:
    """Rules and the learned model together, as cross-validation chose per signal (`modes`):
    the rules alone, the model alone (it also sees the rules' verdicts), or either of them; on a
    letter as chosen on labelled letters (`letter_modes`, which may also ask both to agree, judge the model at a
    threshold chosen on letters, `letter_thresholds`, read only the cues that were not noise on letters, `trusted`
    (the rules without `letter_untrusted_cues`), or never raise a signal that was noise on letters).
    A signal only the model raised shows the message's words that pushed it over. Where the rules
    saw counter-evidence for a signal ("my first time contacting you"), the model alone cannot
    raise it: a lead's counter-cue knows a hard negative that n-grams can't (training does the same)."""
    by_name = {h.name: h for h in hits}
    trusted_by_name = {h.name: h for h in (hits if trusted is None else trusted)}
    read = model.read(text, set(by_name))
    within_reach = len(text.split()) <= MODEL_MAX_WORDS
    kept: list[SignalHit] = []
    confidence: dict[str, float] = {}
    for signal in model.signals:
        p = read.probabilities[signal]
        mode = model.meta["modes"].get(signal, "either") if within_reach else model.meta.get("letter_modes", {}).get(signal, "rules")
        mode, _, own = mode.partition("@")  # "both@letters": the model at the threshold chosen on letters
        threshold = model.meta["letter_thresholds"][signal] if own else model.thresholds[signal]
        model_says = p >= threshold and signal not in countered and may_raise_alone(signal, text)
        rule_hit = (trusted_by_name if mode == "trusted" else by_name).get(signal)
        keep = {"rules": rule_hit is not None, "trusted": rule_hit is not None, "model": model_says,
                "both": rule_hit is not None and model_says, "never": False}.get(mode, rule_hit is not None or model_says)
        if not keep:
            continue
        rules_raised = rule_hit is not None
        if rule_hit is None:
            lowered = text.lower()
            evidence = tuple(Evidence("model", w, lowered.find(w.lower()), p) for w in read.evidence.get(signal, ()))
            rule_hit = SignalHit(signal, p, evidence)
        kept.append(rule_hit)
        # A signal the rules raised is as sure as the rules were when they fired on it; the model's
        # share is its calibrated probability (how often that score was right out of fold).
        precision = model.meta.get("rule_precision" if within_reach else "letter_rule_precision", {})
        rules_sure = precision.get(signal, 0.0) if rules_raised else 0.0
        confidence[signal] = round(max(model.calibrated(signal, p), rules_sure), 2)
    return kept, confidence
