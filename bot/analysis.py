"""Offline analysis: signals with evidence, severity, root cause and an escalation call.

Transparent by design: every signal is a sum of weights from `config/analysis.toml`: the cues
and patterns found, combinations of cues (praise next to a complaint), the valence of the
sentiment words found (`config/sentiment.toml`), the message's intensity (capitals, !!!,
stretched words), and other signals that fired (a churn threat is also a complaint). Each
contribution is kept as evidence with its words, position and weight. Cues negated nearby
("not angry") are not counted and are reported as suppressed; quoted earlier messages, code
blocks, @handles and links are not read at all (see `bot.plaintext`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping
from functools import cached_property, lru_cache

from bot.boundary import swears_at_no_one
from bot.cues import CueSet, positions_by_key, word_starts
from bot.learned import SignalModel, default_model
from bot.model_combination import MODEL_MAX_WORDS, combine_with_model
from bot.plaintext import PlainText, View, analysis_view, reported_speech
from bot.rules import AnalysisRules, SignalRule
from bot.severity import grade_severity, recommend_escalation
from bot.suggestion import Analysis, Evidence, SignalHit

_WORD = re.compile(r"[a-z][a-z']*")
_SHOUT = re.compile(r"\b[A-Z][A-Z']{2,}\b")
_BANG = re.compile(r"[!?]*![!?]+|!{2,}")
_STRETCH = re.compile(r"([a-z])\1{3,}", re.I)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$|[A-Z\"'])|\n+")
_ACRONYMS = frozenset({"ASAP", "USA", "UK", "EU", "FAQ", "PDF", "URL", "API", "CEO", "ATM", "USB", "DVD",
                       "NYC", "LOL", "OMG", "WTF", "FFS", "GPS", "SMS", "VPN", "WIFI", "TV", "ID", "IT",
                       "HTTP", "HTTPS", "IOS", "APP", "UPS", "DHL", "USPS", "PS", "RE", "FWD", "IBAN", "VAT",
                       "SSN", "PIN", "CVV", "ETA", "AWS", "SLA", "CSV", "SSO", "DNS", "SSL", "TLS", "FYI",
                       "BBB", "FTC", "FCC", "CFPB", "GDPR", "HR", "IRS", "HMRC", "NHS", "LLC", "INC", "LTD",
                       "EST", "PST", "GMT", "UTC", "CET", "AM", "PM", "PNR", "SIM", "HDMI", "RSVP", "DM", "DMS",
                       "ISP", "ATT", "BT", "EE", "HBO", "NBA", "NFL", "MLB", "NHL", "UFC", "BBC", "CNN", "NYT"})


@lru_cache(maxsize=8)
def _clause_break(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"[.!?;,:\n]" + (rf"|\b(?:{alternatives})\b" if alternatives else ""), re.I)


def negator_before(text: str, start: int, rules: AnalysisRules) -> int:
    """Where a negator stands within the window before `start`, inside the same clause; -1 if none.

    A negator does not count inside an exception phrase ("couldn't be more useless") or right
    after a conditional ("if I don't get a refund ..." still asks for a refund).
    """
    offset = max(0, start - 80)
    before = text[offset:start]
    pieces = list(_clause_break(rules.clause_breaks).finditer(before))
    if pieces:
        offset += pieces[-1].end()
        before = text[offset:start]
    words = list(_WORD.finditer(before.lower()))
    first = max(0, len(words) - rules.negation_window)
    for k in range(first, len(words)):
        w = words[k].group(0)
        if w in rules.negators or w.endswith("n't"):
            at = offset + words[k].start()
            if rules.negation_exceptions is not None and rules.negation_exceptions.match(text, at):
                continue
            if any(words[j].group(0) in rules.negation_conditionals for j in range(max(0, k - 3), k)):
                continue
            return at
    return -1


def measure_intensity(text: str) -> tuple[float, list[Evidence]]:
    """0..1 from shouting (capitals), runs of !/?, and stretched words ("sooooo")."""
    evidence: list[Evidence] = []
    letters_words = re.findall(r"\b[A-Za-z']{3,}\b", text)
    shouted = [w for w in _SHOUT.findall(text) if w not in _ACRONYMS]
    score = 0.0
    if shouted and letters_words:
        share = len(shouted) / len(letters_words)
        if len(shouted) >= 2 or share > 0.5:
            score += min(0.6, 0.15 + share)
            evidence.append(Evidence("capitals", " ".join(shouted[:4])))
        elif len(shouted[0]) >= 4:  # one shouted word: "SEVEN times", "fix it TODAY"
            score += 0.2
            evidence.append(Evidence("capitals", shouted[0]))
    bangs = _BANG.findall(text)
    if bangs:
        score += min(0.4, 0.2 * len(bangs))
        evidence.append(Evidence("repeated punctuation", bangs[0]))
    stretched = _STRETCH.search(text)
    if stretched:
        score += 0.15
        a, b = stretched.span()
        while a > 0 and text[a - 1].isalnum():
            a -= 1
        while b < len(text) and text[b].isalnum():
            b += 1
        word = text[a:b]
        evidence.append(Evidence("stretched word", word if len(word) <= 40 else word[:40] + "…"))
    return min(1.0, score), evidence


class _Reading:
    """One message prepared for scoring: the view, its sentences, and its sentiment words."""

    def __init__(self, view: View, rules: AnalysisRules) -> None:
        self.view = view
        self.text = view.text
        self.rules = rules
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        self.questions = view.masked.count("?")
        self.words = word_starts(self.text)
        self.by_key = positions_by_key(self.words)
        self._cue_cache: dict[int, list[tuple[int, re.Match, int]]] = {}
        self.valence: list[tuple[float, Evidence, int]] = []  # (valence as read, evidence, sentence)
        lexicon = rules.sentiment.valence
        if lexicon:
            lowered = self.text.lower()
            for m in _WORD.finditer(lowered):
                word = m.group(0)
                value = lexicon.get(word)
                if value is None and word.endswith("'s"):
                    value = lexicon.get(word[:-2])
                if value is None:
                    continue
                neg_at = negator_before(self.text, m.start(), rules)
                start, end = view.span(m.start(), m.end())
                if neg_at >= 0:
                    read = value * rules.sentiment.negated_factor
                    a, _ = view.span(neg_at, neg_at + 1)
                    ev = Evidence(f"negated {word} ({value:+.1f} read as {read:+.1f})", view.source[a:end], a, 0.0)
                else:
                    read = value
                    ev = Evidence(f"{'negative' if value < 0 else 'positive'} word ({value:+.1f})", view.source[start:end], start, 0.0)
                self.valence.append((read, ev, self.sentence(m.start())))

    @cached_property
    def reported(self) -> list[tuple[int, int]]:
        """What they quote someone else saying; found only for a signal that counts the customer's own words."""
        return reported_speech(self.text)

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def matches(self, cues: CueSet) -> list[tuple[int, int, int, int]]:
        """(cue index, start, end, negator position or -1) for every cue occurrence."""
        key = id(cues)
        found = self._cue_cache.get(key)
        if found is None:
            found = []
            for i, start, end in cues.find(self.text, self.words, self.by_key):
                neg = negator_before(self.text, start, self.rules) if cues.negatable[i] else -1
                found.append((i, start, end, neg))
            self._cue_cache[key] = found
        return found

    def evidence(self, cue: str, start: int, end: int, weight: float) -> Evidence:
        start, end = self.view.span(start, end)
        return Evidence(cue, self.view.source[start:end], start, weight)


def _score_cues(cues: CueSet, reading: _Reading, negation: bool = True,
                own_words: bool = False) -> tuple[float, list[Evidence], list[Evidence]]:
    """Sum of distinct cue weights found; returns (score, evidence, suppressed). With `own_words`, cues inside
    someone else's words the customer quotes ("he told us to 'buy a f***ing $1 watch'") are suppressed too.

    A frame (a general pattern) gives the words it covers at least its weight: cues and patterns
    already counted on the same words are not counted twice ("sue" inside "I'm going to sue you");
    different frames that overlap are different evidence and add up."""
    found: dict[int, Evidence] = {}
    spans: list[list] = []  # [start, end, weight not yet taken over by a frame] of cues and patterns
    suppressed: list[Evidence] = []
    for i, start, end, neg in reading.matches(cues):
        if i in found:
            continue
        weight = cues.weights[i]
        overlapped = [s for s in spans if s[0] < end and start < s[1] and s[2] > 0] if i in cues.frames else []
        if overlapped and weight > 0:
            weight = max(0.0, weight - sum(s[2] for s in overlapped))
        ev = reading.evidence(cues.labels[i], start, end, weight)
        if negation and neg >= 0 or own_words and any(a <= start < b for a, b in reading.reported):
            suppressed.append(Evidence(ev.cue, ev.text, ev.start, cues.weights[i]))
            continue
        found[i] = ev
        if i in cues.frames:
            for s in (overlapped if cues.weights[i] > 0 else ()):
                s[2] = 0.0  # taken over by this frame
        else:
            spans.append([start, end, weight])
    return sum(e.weight for e in found.values()), [e for e in found.values() if e.weight > 0], suppressed


_PARTNERED = " (with \u201c"  # how a combination's evidence names its second half: "thanks for" (with "ignoring")


def _score_combos(rule: SignalRule, reading: _Reading) -> tuple[float, list[Evidence]]:
    score, evidence = 0.0, []
    for combo in rule.combos:
        # praise next to a complaint is sarcasm in a tweet; in a letter it may be thanks for getting through one
        whole = combo.scope == "message" and (not combo.message_words or len(reading.words) <= combo.message_words)
        firsts = [(a, b, reading.sentence(a)) for _, a, b, neg in reading.matches(combo.cues) if neg < 0]
        if not firsts:
            continue
        seconds = [(a, b, reading.sentence(a)) for _, a, b, neg in reading.matches(combo.with_cues) if neg < 0]
        partner = None
        for a, b, sent in firsts:
            for a2, b2, sent2 in seconds:
                if (a2 >= b or b2 <= a) and (whole or sent == sent2):
                    partner = reading.evidence(combo.name, a2, b2, 0.0).text
                    break
            if partner is None and combo.with_negative_words:
                for value, ev, sent2 in reading.valence:
                    if value < 0 and (whole or sent == sent2) and not (a <= ev.start < b):
                        partner = ev.text
                        break
            if partner is not None:
                score += combo.weight
                if combo.weight > 0:  # the evidence names both halves: "thanks for" (with "ignoring")
                    evidence.append(reading.evidence(f"{combo.name}{_PARTNERED}{partner}\u201d)", a, b, combo.weight))
                break
    return score, evidence


def _score_valence(rule: SignalRule, reading: _Reading) -> tuple[float, list[Evidence]]:
    if not (rule.negative_words or rule.positive_words) or not reading.valence:
        return 0.0, []
    negative = min(rule.valence_cap, sum(-v for v, _, _ in reading.valence if v < 0))
    positive = min(rule.valence_cap, sum(v for v, _, _ in reading.valence if v > 0))
    score = rule.negative_words * negative + rule.positive_words * positive
    evidence = []
    for value, ev, _ in reading.valence:
        weight = rule.negative_words * -value if value < 0 else rule.positive_words * value
        if weight > 0:
            evidence.append(Evidence(ev.cue, ev.text, ev.start, weight))
    return score, evidence


def signal_scores(reading: _Reading, intensity: float, intensity_evidence: list[Evidence]
                  ) -> tuple[dict[str, tuple[float, list[Evidence]]], list[Evidence]]:
    """Each signal's score and evidence before other signals are taken into account."""
    rules = reading.rules
    out: dict[str, tuple[float, list[Evidence]]] = {}
    all_suppressed: list[Evidence] = []
    countered: set[str] = set()
    for rule in rules.signals:
        score, evidence, suppressed = _score_cues(rule.cues, reading, own_words=rule.own_words)
        all_suppressed.extend(suppressed)
        if suppressed or score < sum(e.weight for e in evidence) - 1e-9:
            countered.add(rule.name)  # "first time contacting you", "I'm not going to cancel"
        if rule.combos:
            s, ev = _score_combos(rule, reading)
            score += s
            evidence.extend(ev)
        s, ev = _score_valence(rule, reading)
        score += s
        evidence.extend(ev)
        if rule.intensity_weight and intensity > 0 and (evidence or rule.intensity_weight >= rule.threshold):
            score += rule.intensity_weight * intensity
            if rule.intensity_weight > 0:
                evidence.extend(Evidence(e.cue, e.text, e.start, rule.intensity_weight * intensity) for e in intensity_evidence)
        if rule.question_weight and reading.questions:
            score += rule.question_weight * min(reading.questions, 3)
        out[rule.name] = (score, evidence)
    if "sarcasm" in out and all(_PRAISE.fullmatch(e.text.strip(" !.,")) and _PARTNERED not in e.cue
                                for e in out["sarcasm"][1]) and not _stings(reading, out):
        out["sarcasm"] = (0.0, [])  # praise is all it found, with nothing bad beside it
    return out, all_suppressed, countered


# words of praise, which sarcasm borrows; its other marks ("genius idea", "'next day'", "🙃") are its own
_PRAISE = re.compile(r"(?:(?:thanks?|thank you)(?: (?:so|very) much)?(?: for)?|many thanks|kudos|props|bravo|well done|hats off|"
                     r"congrat\w*|great(?: job| work| service)?|awesome|amazing|fantastic|brilliant|excellent|perfect|wonderful|"
                     r"superb|love (?:it|this|you)|nice(?: one)?|cheers|really (?:comprehensive|helpful|useful)|"
                     r"(?:very|so|really|truly|super) (?:\w+))", re.I)


def _stings(reading: _Reading, scores: dict[str, tuple[float, list[Evidence]]]) -> bool:
    """Whether anything in the message says something went wrong: a negative word, or a cue of another signal (a price
    rise, leaving, a wait). Sarcasm says the opposite of what it means about something bad; praise with nothing bad
    beside it is meant ("Thanks so much for this plugin ... Kudos!" was read as sarcasm from its two words of praise,
    and apologised to)."""
    return any(value < 0 for value, _, _ in reading.valence) or any(
        e.weight > 0 for name, (_, evidence) in scores.items() if name != "sarcasm" for e in evidence)


def _merge(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """In reading order; several cues on the same words are one piece of evidence (labels joined,
    weights added), so the agent sees each quoted phrase once."""
    merged: dict[tuple[int, str], Evidence] = {}
    for e in evidence:
        key = (e.start, e.text.lower()) if e.start >= 0 else (-1, e.cue)
        if key in merged:
            m = merged[key]
            merged[key] = Evidence(f"{m.cue} + {e.cue}", m.text, m.start, m.weight + e.weight)
        else:
            merged[key] = e
    return tuple(sorted(merged.values(), key=lambda e: (e.start < 0, e.start)))


def without_untrusted(base: dict[str, tuple[float, list[Evidence]]], untrusted: Mapping[str, Collection[str]]
                      ) -> dict[str, tuple[float, list[Evidence]]]:
    """Each signal's score and evidence without the cues that proved noise for it on long letters
    (`letter_training.untrusted_cues`): "refund" told in a letter's story is seldom a request for one."""
    out = {}
    for name, (score, evidence) in base.items():
        noise = untrusted.get(name, ())
        kept = [e for e in evidence if e.cue not in noise]
        out[name] = (score - sum(e.weight for e in evidence if e.cue in noise), kept)
    return out


def base_scores(text: str, rules: AnalysisRules) -> dict[str, tuple[float, list[Evidence]]]:
    """Each signal's score and cues in a message's own words, before signals raise each other (training
    judges each cue on labelled letters from these)."""
    view = analysis_view(text)
    return signal_scores(_Reading(view, rules), *measure_intensity(view.masked))[0]


def settle(base: dict[str, tuple[float, list[Evidence]]], rules: AnalysisRules) -> list[SignalHit]:
    """The signals raised: each over its threshold once the signals it follows from have added their weight."""
    fired = {name for name, (score, evidence) in base.items()
             if evidence and score >= rules.signal(name).threshold}
    # Signals feed each other (a churn threat is also a complaint): settle in a few rounds.
    for _ in range(3):
        final: dict[str, tuple[float, list[Evidence]]] = {}
        for rule in rules.signals:
            score, evidence = base[rule.name]
            for other, weight in rule.from_signals:
                if other in fired:
                    score += weight
                    if weight > 0:
                        evidence = evidence + [Evidence(f"signal: {other}", other, -1, weight)]
            final[rule.name] = (score, evidence)
        now = {name for name, (score, evidence) in final.items()
               if evidence and score >= rules.signal(name).threshold}
        if now == fired:
            break
        fired = now
    return [SignalHit(rule.name, final[rule.name][0], _merge(final[rule.name][1])) for rule in rules.signals if rule.name in fired]


def find_root_cause(text: str, rules: AnalysisRules, reading: _Reading | None = None) -> tuple[str, tuple[str, ...]]:
    reading = reading or _Reading(analysis_view(text), rules)
    best, best_score, best_evidence = "other", 0.0, []
    for cause, cues in rules.root_causes.items():
        score, evidence, _ = _score_cues(cues, reading, negation=False)
        if score > best_score:
            best, best_score, best_evidence = cause, score, evidence
    return best, tuple(e.text for e in best_evidence)


_SHIPPED = object()


def analyze(prepared: PlainText, rules: AnalysisRules, model: SignalModel | None | object = _SHIPPED) -> Analysis:
    """The whole offline analysis of one prepared message: rules, then the shipped model beside them
    (pass `model=None` for the rules alone, as training does)."""
    text = prepared.own_words
    view = analysis_view(text)
    reading = _Reading(view, rules)
    intensity, intensity_evidence = measure_intensity(view.masked)
    base, suppressed, countered = signal_scores(reading, intensity, intensity_evidence)
    countered = frozenset(countered)
    hits = settle(base, rules)
    model = default_model() if model is _SHIPPED else model
    confidence: dict[str, float] = {}
    if model is not None:
        untrusted = model.meta.get("letter_untrusted_cues") if len(text.split()) > MODEL_MAX_WORDS else None
        trusted = settle(without_untrusted(base, untrusted), rules) if untrusted else hits
        hits, confidence = combine_with_model(text, hits, model, countered, trusted)
    unaimed = swears_at_no_one(next((h for h in hits if h.name == "abusive"), None), text)
    severity = grade_severity(hits, intensity, rules, unaimed, confidence)
    cause, cause_evidence = find_root_cause(text, rules, reading)
    # swearing at a product or a situation is no reason on its own for a lead to take the case over
    escalate = recommend_escalation({h.name for h in hits} - ({"abusive"} if unaimed else set()), severity, rules, hits)
    notes = []
    if prepared.truncated:
        notes.append(f"The message is {prepared.original_length:,} characters; only the first {len(prepared.display):,} were analysed.")
    if prepared.dropped_quote:
        notes.append("Quoted earlier messages and passages were left out of the analysis.")
    if prepared.dropped_code:
        notes.append("Code blocks were left out of the analysis.")
    return Analysis(
        signals=tuple(hits),
        severity=severity,
        root_cause=cause,
        root_cause_evidence=cause_evidence,
        escalate=escalate,
        intensity=intensity,
        notes=tuple(notes),
        suppressed=tuple(suppressed),
        confidence=confidence,
        countered=countered,
        valence=round(sum(v for v, _, _ in reading.valence), 2),
    )
