"""The content the case reading and the offers come from: `config/reading.toml` and
`config/situations.toml`, loaded once and validated with the file and key named.

Kept as data so a team can teach Composure its own situations and remedies without code.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from bot import STANCES, locations
from bot.complained_of import ComplaintWording, load_complaint_wording
from bot.cues import phrase_to_regex
from bot.errors import ConfigError
from bot.playbook import Playbook
from bot.tomlcheck import Table, load_toml

POLICY_GATES = ("", "refund", "replacement", "store_credit", "discount", "fee_waiver")
ESCALATE_TO = ("", "lead", "legal", "security")
FOLLOW_UPS = ("live", "standard", "answered")  # answered: the remedy itself settles it, so no promise to write again
REMEDY_FIELDS = {"object", "of_amount", "refund_window", "store_credit", "fee_waiver", "discount", "lead", "charge"}
SITUATION_FIELDS = {"object", "of_amount", "security", "lead"}


def _cues(t: Table, phrases_key: str = "phrases", patterns_key: str = "patterns") -> re.Pattern | None:
    """One alternation for a concept's phrases and patterns; None when it has none."""
    parts = [phrase_to_regex(p) for p in t.strings(phrases_key, [])]
    for pattern in t.strings(patterns_key, []):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise t.fail(patterns_key, f"valid regular expressions ({exc})", pattern) from None
        parts.append(f"(?:{pattern})")
    return re.compile("|".join(parts), re.I) if parts else None


def _template(t: Table, key: str, allowed: set[str], default: str | None = None) -> str:
    text = t.string(key, default, non_empty=default is None, max_len=300)
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    unknown = names - allowed
    if unknown:
        raise t.fail(key, f"only the placeholders {', '.join('{' + n + '}' for n in sorted(allowed))}", text)
    return text


NO_SITUATION = "none"  # in a want's when_situation: what answers it when no situation is read


@dataclass(frozen=True)
class Want:
    name: str
    cues: re.Pattern
    remedy: str
    # situation -> remedy answering the want when that situation is read, even on one cue in a letter: a refund
    # wanted where one is already promised or on its way is chased, not checked against the refund policy again;
    # NO_SITUATION names the remedy when no situation is read
    when_situation: dict[str, str] = field(default_factory=dict)
    # cues that ask it of us even when nothing is named ("I CANNOT afford the box anymore"), unlike "cancel the"
    # in "asked the bank to cancel the transaction": the request stands without its thing
    alone: re.Pattern | None = None
    # whether the want is offered for when a letter only tells it ("I immediately requested a refund, but the chatbot
    # denied my request"), not only when it asks for it: see config/reading.toml
    told: bool = False

    def remedy_for(self, situation: str | None) -> str:
        return self.when_situation.get(situation or NO_SITUATION, self.remedy)


@dataclass(frozen=True)
class Topic:
    name: str
    words: tuple[str, ...]
    noun: str  # "your {word}"
    labels: tuple[str, ...]
    pattern: re.Pattern
    shown: dict[str, str] = field(default_factory=dict)  # word -> how a draft names it ("power" -> "power supply")
    live: bool = False  # trouble with it is happening now (a flight, a train): promises get the short interval
    claims: tuple[str, ...] = ()  # other topics' words it takes over when `context` is in the message
    context: re.Pattern | None = None  # an order at a restaurant (a waiter, a table) is a meal, not a delivery
    lookup: str = ""  # the question that finds the case on our side when what went wrong is not placed yet
    platform: bool = False  # other things run on it: "the app doesn't work on my phone" is not the phone's fault
    # its words after a `not_after` qualifier ("parking ticket"): a word the message once names as another thing keeps
    # that meaning in its bare mentions ("I couldn't find my ticket", round 51: asked for a parking ticket's booking reference)
    qualified: re.Pattern | None = None

    def other_things(self, text: str) -> set[str]:
        """The topic's words this message names as something else somewhere ("parking ticket" -> {"ticket"})."""
        return {m.group("word").lower() for m in self.qualified.finditer(text)} if self.qualified else set()

    def noun_for(self, word: str, name: str = "") -> str:
        """"your app", or with the customer's name for it, "your Showtime Anytime app"."""
        shown = self.shown.get(word, word)
        return self.noun.format(word=f"{name} {shown}" if name else shown)


@dataclass(frozen=True)
class SituationKind:
    name: str
    cues: re.Pattern
    summary: str
    object: str
    topics: tuple[str, ...]
    remedies: tuple[str, ...]
    questions: tuple[str, ...]
    steps: tuple[str, ...]
    follow_up: str
    company_error: bool
    incident: bool
    source: str
    request: bool = False
    default_topic: str = ""
    wants: tuple[str, ...] = ()  # wants (config/reading.toml) that, when the customer states them, point here
    choose: bool = False    # its first two remedies are alternatives: the empathetic draft lets the customer choose
    goodwill: bool = True   # credit can make up for it (not for someone who is leaving)
    not_for_stances: tuple[str, ...] = ()  # stances in which its cues mean something else (abuse about a colleague)
    escalate: str = ""      # who must see it whatever the signals say ("lead": an allegation against a colleague)
    unnamed: str = ""       # the summary when the message names no topic it accepts (the object would be a guess)
    weight: int = 1         # what each cue hit counts: a situation that contains another outranks it
    by_topic: dict = field(default_factory=dict)  # topic -> (questions, steps) that replace the general ones
    questions_after: tuple[str, ...] = ()  # when it is told afterwards: no "where are you now?" to a letter home
    told: re.Pattern | None = None  # the message already says what the questions ask ("it won't turn on")
    questions_told: tuple[str, ...] = ()  # ... so these are asked instead
    # topic -> the situation it is about that thing: a delay to a flight is a disruption, not a late parcel;
    # an app that "doesn't work" is a software fault, not a device to send back
    becomes: dict[str, str] = field(default_factory=dict)
    weak: re.Pattern | None = None  # cues that, the only one in a long letter, don't place it even for an incident

    def questions_for(self, topic: str | None, after: bool = False, told: bool = False) -> tuple[str, ...]:
        """What to ask about this kind of thing: an e-mail that didn't arrive has no tracking to ask about, and
        "what happens when you try to use it?" is not asked of someone who said it won't turn on."""
        if after and self.questions_after:
            return self.questions_after
        if told and self.questions_told:
            return self.questions_told
        return self.by_topic.get(topic, (self.questions, self.steps))[0]

    def steps_for(self, topic: str | None) -> tuple[str, ...]:
        return self.by_topic.get(topic, (self.questions, self.steps))[1]


@dataclass(frozen=True)
class Remedy:
    name: str
    text: str
    policy: str
    goodwill: bool
    source: str
    topics: tuple[str, ...] = ()  # offered only when the message is about one of these topics; () = any
    not_for: tuple[str, ...] = ()  # never for these ("our technical team" does not look at a coat)
    when: str = ""  # "live": only while it is happening (rebooking); "after": only once it is over
    after_answer: bool = False  # cannot start before the customer answers our question (which device? what happened?)
    at_once_for: tuple[str, ...] = ()  # ... except for these topics, which are ours to check now (our website)
    not_public: bool = False  # not offered unasked in a public post (a phone call; the DM is where they are)
    grants: tuple[str, ...] = ()  # policy gates it also meets in its words ("... send a replacement or refund it")
    not_told: bool = False  # not offered where the message tells what its situation's `told` cues say (a caller who
    # never got through has no earlier message for us to find)

    @property
    def gates(self) -> set[str]:
        """Every kind of thing it gives: its own policy gate and those its words grant too."""
        return ({self.policy} | set(self.grants)) - {""}

    def waits_for_answer(self, topic: str | None) -> bool:
        return self.after_answer and topic not in self.at_once_for

    def fits(self, topic: str | None) -> bool:
        return topic not in self.not_for and (not self.topics or topic in self.topics)


@dataclass(frozen=True)
class StanceCues:
    thanks: re.Pattern
    resolved: re.Pattern
    extortion: re.Pattern
    chargeback_filed: re.Pattern
    live: re.Pattern
    over: re.Pattern
    advert: re.Pattern
    attached: re.Pattern
    polite_ask: re.Pattern
    child: re.Pattern  # the writer says they are a child
    apology: re.Pattern  # the writer apologises for what they did
    bereavement: re.Pattern  # the writer tells of a death: condolences first
    served: re.Pattern  # people did something for them (staff, a driver, "the lady at the till"), not only a product
    vulnerable: re.Pattern  # they, or someone they act for, may be vulnerable (dementia, 79, bed-bound, a carer)
    declines_credit: re.Pattern  # "I want my money in my account, not sat as credit in yours"
    chased: re.Pattern  # they contacted us before about this: "I've emailed twice", "no reply to my ticket"
    own_fault: re.Pattern  # they say it was their own doing: "I thought I had cancelled it", "I forgot to"
    restored: re.Pattern  # what went down is back: "The connection came back up at approximately 12:45 pm"
    pestered: re.Pattern  # they complain of our calls or chasers: "you telephoned at 6.50 IN THE EVENING"


@dataclass(frozen=True)
class CaseVocabulary:
    wants: tuple[Want, ...]
    stance: StanceCues
    topics: tuple[Topic, ...]
    situations: tuple[SituationKind, ...]
    remedies: dict[str, Remedy]
    lookup: str = ""  # the same question for a message that names no topic with its own
    complaints: ComplaintWording | None = None  # what may be said back of a thing they say was wrong

    def lookup_for(self, topic: Topic | None) -> str:
        return topic.lookup if topic is not None and topic.lookup else self.lookup

    def topic(self, name: str | None) -> Topic | None:
        """The topic of that name; None for no name or one this configuration does not have."""
        return next((t for t in self.topics if t.name == name), None)

    def situation(self, name: str) -> SituationKind | None:
        """The situation of that name; None for a name this team's configuration does not have."""
        return next((s for s in self.situations if s.name == name), None)


def _load_reading(path: Path, remedies: dict[str, Remedy]) -> tuple[tuple[Want, ...], StanceCues, tuple[Topic, ...], str,
                                                                   ComplaintWording | None]:
    t = Table(load_toml(path), path)
    t.reject_unknown({"wants", "stance", "topics", "lookup", "complained_of"})
    wants = []
    for name, raw in t.table("wants", required=True).data.items():
        wt = Table(raw, path, f"wants.{name}.")
        wt.reject_unknown({"phrases", "patterns", "alone", "remedy", "when_situation", "told"})
        remedy = wt.string("remedy", "")
        if remedy and remedy not in remedies:
            raise wt.fail("remedy", "a remedy id from config/situations.toml", remedy)
        when = wt.table("when_situation")
        instead = {situation: when.string(situation) for situation in when.data}
        bad = next((r for r in instead.values() if r not in remedies), None)
        if bad is not None:
            raise wt.fail("when_situation", "remedy ids from config/situations.toml", bad)
        alone = _cues(wt, phrases_key="", patterns_key="alone")
        cues = _cues(Table({**wt.data, "patterns": wt.strings("patterns", []) + wt.strings("alone", [])}, path,
                           f"wants.{name}."))
        if cues is None:
            raise wt.fail("phrases", "at least one phrase or pattern")
        wants.append(Want(name, cues, remedy, instead, alone, wt.boolean("told", False)))
    st = t.table("stance", required=True)
    st.reject_unknown({"thanks", "thanks_patterns", "resolved", "extortion_patterns", "chargeback_filed_patterns", "live_patterns",
                       "over_patterns", "advert_patterns", "attached", "polite_ask_patterns", "child_patterns",
                       "apology_patterns", "bereavement_patterns", "served_patterns",
                       "vulnerable_patterns", "declines_credit_patterns", "chased_patterns", "own_fault_patterns",
                       "restored_patterns", "pestered_patterns"})
    stance = StanceCues(*(_cues(st, phrases_key=p, patterns_key=q) or re.compile(r"(?!x)x") for p, q in (
        ("thanks", "thanks_patterns"), ("resolved", ""), ("", "extortion_patterns"), ("", "chargeback_filed_patterns"), ("", "live_patterns"),
        ("", "over_patterns"), ("", "advert_patterns"), ("attached", ""), ("", "polite_ask_patterns"), ("", "child_patterns"),
        ("", "apology_patterns"), ("", "bereavement_patterns"), ("", "served_patterns"),
        ("", "vulnerable_patterns"), ("", "declines_credit_patterns"), ("", "chased_patterns"), ("", "own_fault_patterns"),
        ("", "restored_patterns"), ("", "pestered_patterns"))))
    topics = []
    for name, raw in t.table("topics", required=True).data.items():
        tt = Table(raw, path, f"topics.{name}.")
        tt.reject_unknown({"words", "noun", "labels", "live", "not_before", "not_after", "claims", "context", "lookup",
                           "platform"})
        pairs = [[part if k else part.lower() for k, part in enumerate(w.split("=", 1))] for w in tt.strings("words")]  # "ipad=iPad"
        if not pairs:
            raise tt.fail("words", "at least one word")
        words = tuple(p[0].strip() for p in pairs)
        shown = {p[0].strip(): p[1].strip() for p in pairs if len(p) == 2}
        noun = _template(tt, "noun", {"word"})
        alternation = "|".join(phrase_to_regex(w) for w in sorted(words, key=len, reverse=True))
        # `not_before`: words after which the topic's word means something else ("phone call", "phone number")
        unless = "|".join(phrase_to_regex(w) for w in tt.strings("not_before", []))
        guard = rf"(?!\s+(?:{unless})\b)" if unless else ""
        # `not_after`: words before which it is another thing ("living room", "dining room": not a hotel room)
        not_after = tt.strings("not_after", [])
        before = "".join(rf"(?<!\b{re.escape(w)} )" for w in not_after)
        pattern = re.compile(rf"(?P<mine>\b(?:my|our|the|this|your)\s+(?:[\w'-]+\s+){{0,2}}?)?{before}(?P<word>{alternation}){guard}", re.I)
        others = "|".join(phrase_to_regex(w) for w in not_after)
        qualified = re.compile(rf"\b(?:{others})\s+(?P<word>{alternation})\b", re.I) if others else None
        claims = tuple(tt.strings("claims", []))
        context = _cues(tt, phrases_key="context", patterns_key="")
        if claims and context is None:
            raise tt.fail("context", "the words that show the claimed topics mean this one", None)
        topics.append(Topic(name, words, noun, tuple(tt.strings("labels", [])), pattern, shown, tt.boolean("live", False),
                            claims, context, _template(tt, "lookup", {"object"}, ""), tt.boolean("platform", False), qualified))
    names = {topic.name for topic in topics}
    for topic in topics:
        unknown = [c for c in topic.claims if c not in names]
        if unknown:
            raise ConfigError(f"{path}: topics.{topic.name}.claims: {unknown[0]!r} is not a topic in this file")
    complaints = load_complaint_wording(t.table("complained_of"))
    return tuple(wants), stance, tuple(topics), _template(t, "lookup", set(), ""), complaints


def _load_situations(path: Path, playbook: Playbook) -> tuple[tuple[SituationKind, ...], dict[str, Remedy]]:
    t = Table(load_toml(path), path)
    t.reject_unknown({"situations", "remedies"})
    remedies: dict[str, Remedy] = {}
    for name, raw in t.table("remedies", required=True).data.items():
        rt = Table(raw, path, f"remedies.{name}.")
        rt.reject_unknown({"text", "policy", "goodwill", "source", "topics", "not_for", "when", "after_answer", "at_once_for", "not_public",
                           "grants", "not_told"})
        source = rt.string("source", non_empty=True)
        if source not in playbook:
            raise rt.fail("source", "the id of a playbook section in prompts/playbook", source)
        remedies[name] = Remedy(name, _template(rt, "text", REMEDY_FIELDS), rt.string("policy", "", choices=POLICY_GATES),
                                rt.boolean("goodwill", False), source, tuple(rt.strings("topics", [])),
                                tuple(rt.strings("not_for", [])), rt.string("when", "", choices=("", "live", "after")),
                                rt.boolean("after_answer", False), tuple(rt.strings("at_once_for", [])),
                                rt.boolean("not_public", False), tuple(rt.strings("grants", [], choices=POLICY_GATES[1:])),
                                rt.boolean("not_told", False))
    situations = []
    for name, raw in t.table("situations", required=True).data.items():
        sk = Table(raw, path, f"situations.{name}.")
        sk.reject_unknown({"phrases", "patterns", "summary", "object", "topics", "remedies", "questions", "steps",
                           "follow_up", "company_error", "incident", "source", "request", "default_topic", "wants",
                           "choose", "goodwill", "not_for_stances", "escalate", "unnamed", "weight", "by_topic",
                           "questions_after", "told", "told_phrases", "questions_told", "weak_patterns"})
        strong, weak = _cues(sk), _cues(sk, "weak_phrases", "weak_patterns")
        cues = re.compile("|".join(c.pattern for c in (strong, weak) if c is not None), re.I) if strong or weak else None
        if cues is None:
            raise sk.fail("phrases", "at least one phrase or pattern")
        unknown = [r for r in sk.strings("remedies", []) if r not in remedies]
        if unknown:
            raise sk.fail("remedies", "remedy ids defined under [remedies]", unknown[0])
        source = sk.string("source", non_empty=True)
        if source not in playbook:
            raise sk.fail("source", "the id of a playbook section in prompts/playbook", source)
        asked, becomes = _by_topic(sk, path, name)
        situations.append(SituationKind(
            name, cues, _template(sk, "summary", SITUATION_FIELDS), sk.string("object", non_empty=True),
            tuple(sk.strings("topics", [])), tuple(sk.strings("remedies", [])),
            tuple(sk.strings("questions", [], max_len=300)), tuple(sk.strings("steps", [], max_len=300)),
            sk.string("follow_up", "standard", choices=FOLLOW_UPS), sk.boolean("company_error", False),
            sk.boolean("incident", False), source, sk.boolean("request", False), sk.string("default_topic", ""),
            tuple(sk.strings("wants", [])), sk.boolean("choose", False), sk.boolean("goodwill", True),
            tuple(sk.strings("not_for_stances", [], choices=STANCES)), sk.string("escalate", "", choices=ESCALATE_TO),
            _template(sk, "unnamed", SITUATION_FIELDS, default=""),
            int(sk.number("weight", 1, integer=True, minimum=1, maximum=5)), asked,
            tuple(sk.strings("questions_after", [], max_len=300)), _cues(sk, "told_phrases", "told"),
            tuple(sk.strings("questions_told", [], max_len=300)), becomes, weak))
    return tuple(situations), remedies


def _by_topic(sk: Table, path: Path, name: str) -> tuple[dict, dict[str, str]]:
    """[situations.NAME.by_topic.TOPIC]: questions and steps for one kind of thing, or `becomes = "OTHER"` alone
    (about that thing, the cues mean the other situation, whose own questions and steps apply)."""
    asked, becomes = {}, {}
    for topic, raw in sk.table("by_topic").data.items():
        bt = Table(raw, path, f"situations.{name}.by_topic.{topic}.")
        bt.reject_unknown({"questions", "steps", "becomes"})
        if "becomes" not in bt.data:
            asked[topic] = (tuple(bt.strings("questions", [], max_len=300)), tuple(bt.strings("steps", [], max_len=300)))
        elif set(bt.data) != {"becomes"}:
            raise bt.fail("becomes", "alone in its table (the other situation's own questions and steps apply)", None)
        else:
            becomes[topic] = bt.string("becomes", non_empty=True)
    return asked, becomes


def load_case_vocabulary(config_dir: Path, playbook: Playbook) -> CaseVocabulary:
    situations, remedies = _load_situations(locations.config_file(config_dir, "situations.toml"), playbook)
    wants, stance, topics, lookup, complaints = _load_reading(locations.config_file(config_dir, "reading.toml"), remedies)
    names = {topic.name for topic in topics}
    for remedy in remedies.values():
        bad = [name for name in remedy.topics if name not in names]
        if bad:
            raise ConfigError(f"{config_dir / 'situations.toml'}: key 'remedies.{remedy.name}.topics': "
                              f"expected topics from config/reading.toml, got {bad[0]!r}")
    for situation in situations:
        bad = [name for name in situation.topics + ((situation.default_topic,) if situation.default_topic else ())
               + tuple(situation.by_topic) if name not in names]
        if bad:
            raise ConfigError(f"{config_dir / 'situations.toml'}: key 'situations.{situation.name}.topics': "
                              f"expected topics from config/reading.toml, got {bad[0]!r}")
        for topic, other in situation.becomes.items():
            target = next((s for s in situations if s.name == other), None)
            if target is None or topic not in target.topics:
                raise ConfigError(f"{config_dir / 'situations.toml'}: key 'situations.{situation.name}.by_topic.{topic}.becomes': "
                                  f"expected a situation from this file that takes the topic {topic!r}, got {other!r}")
        unknown = [name for name in situation.wants if name not in {w.name for w in wants}]
        if unknown:
            raise ConfigError(f"{config_dir / 'situations.toml'}: key 'situations.{situation.name}.wants': "
                              f"expected wants from config/reading.toml, got {unknown[0]!r}")
    known = {situation.name for situation in situations}
    for want in wants:
        unknown = [name for name in want.when_situation if name not in known | {NO_SITUATION}]
        if unknown:
            raise ConfigError(f"{config_dir / 'reading.toml'}: key 'wants.{want.name}.when_situation': "
                              f"expected situations from config/situations.toml (or {NO_SITUATION!r}), got {unknown[0]!r}")
    return CaseVocabulary(wants, stance, topics, situations, remedies, lookup, complaints)
