"""Read the case before writing: what the customer wants, their stance, what it is about,
what went wrong, and the facts they quoted, each with a confidence.

The composer writes from this reading, not from the customer's sentences, so a draft can
name "the double charge of $292.11 on your subscription" without pasting a word it did not
choose. What is not understood stays `None`, and the drafts then say less rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.boundary import AT_READER, insults_in, threatens
from bot.facts import AMOUNT, Fact, quoted_facts
from bot.label_model import BACKGROUND, Guess
from bot.stance_changes import FIXED_STANCES, ROUTED_STANCES, cue_stance, model_view, stance_change_allowed
from bot.situations import CaseVocabulary, SituationKind
from bot.complained_of import charge_named, said_back
from bot.topic_reading import fits_what_is_named, reference_for, thing_named
from bot.situation_reading import ONE_CUE_IN_A_LETTER, UNDERSTOOD, asked_alone, denied, situation_named
from bot.suggestion import Analysis
from bot.wants_reading import TOLD_WANT, Scored, read_wants
from bot.praise_reading import (PROBLEM_SIGNALS, hedgeable, leaves_after_praise, only_sarcasm, praise_given, sarcasm_in_their_words,
                                 thanked_for, told_in_praise, turns_after_praise)
from bot.reading_wording import (ACTION_ASK, ASKED, GRATITUDE, LOW_RATING, NAMED_ADDRESSEE,
                                 NOT_WHY_WRITING, NOT_A_REMARK, CONCEDED_PRAISE, PLACE_NAMED, PUBLIC_POST, QUESTION, RHETORICAL,
                                 SIGN_OFF_THANKS, VAGUE_PROBLEM, hypothetical_at, is_detailed, likened_at, said_live, sentence_of)

ASKING = {"answer", "information"}  # wants that a reply answers rather than acts on
THREAT_SIGNALS = {"threat_legal", "threat_safety", "public_exposure"}
PUBLIC_POST_CHARS = 320  # a tweet, with room for a quoted link
OWN_THING = 0.9  # a topic the customer calls theirs ("my laptop") or quotes a reference for
SECONDED = 0.75  # one cue in a letter the learned model reads too: understood (one cue in a short message is 0.7)
TERSE_WORDS = 12  # fewer words than this, naming nothing (no topic, no fact), has not said what happened: ask
SURE_NOT_THANKS = 0.8  # the stance model's probability for another stance that outweighs one word of thanks in a letter
PRAISE_CLOSES = 0.5  # where in a letter its last praise falls, as a share of its length, when it ends praising
PRAISE_HITS = 2   # distinct praise cues that make a letter praise even when it recounts a bad moment
NOTHING_READ = {"complaint", "thanks"}  # what the stance model may read in a message the cues read nothing in
# ... leaning to a complaint where it is nearly as likely as thanks: sorry to a mixed letter is a small fault, a thank-you
# to "another grouchy customer"'s list (thanks 0.64, complaint 0.54; round 25) a large one
LEAN_TO_COMPLAINT = {"complaint": 0.15}
# ... and leaning to a remark where the cues read no signal and no situation: "@notyurmamacita wheres
# the part where u run towards me hunched over struggling in the water" (complaint 0.60, none 0.54 after the retraining
# on real_messages_54-57; 0.61 against 0.44 after those of 58-61) is a tweet to someone else; "Could you tell me a little
# more about what happened?" to it helps no one. 0.2 rather than 0.1 changes the reading of none of the 3,523
# stance-labelled messages
LEAN_TO_REMARK = {BACKGROUND: 0.2}


@dataclass(frozen=True)
class CaseReading:
    stance: Scored
    wants: tuple[Scored, ...]
    topic: Scored | None          # topic name; `words` is the customer's noun
    object: str                   # the topic as the drafts name it: "your order #4411"
    situation: SituationKind | None
    situation_confidence: float
    facts: tuple[Fact, ...]
    company_error: bool           # the customer plainly states our error and nothing argues against admitting it
    chargeback_filed: bool
    live: bool                    # an outage now, or a deadline hours away
    self_harm: bool = False
    menace: bool = False          # the customer threatens violence themselves ("I have a bomb under the next plane")
    open_question: bool = False   # a genuine question waits for an answer
    remark: bool = False          # raises nothing to act on (a joke, banter, news in passing): a friendly line
    mentions: int = 0             # how often the thing's own word comes: what a letter keeps coming back to is what it is about
    detailed: bool = False        # the customer has already told the story at length
    over: bool = False            # the trouble is told as finished ("I was left without broadband from ... until ...")
    terse: bool = False           # too short to say what happened ("@united so now what?")
    advert: bool = False          # an advert or promotion, not a customer writing to us: no reply is needed
    public: bool = False          # a short post naming an account (a tweet): answered the same day
    attached: bool = False        # they point to a screenshot or e-mail they sent: what happened is shown there
    child: bool = False           # the writer says they are a child: answered warmly and now, never formally
    learned: bool = False         # the situation is the learned model's guess, not a cue's: never grounds an admission
    learned_stance: bool = False  # the stance is the learned stance model's change of the cues' reading
    mixed: bool = False           # a letter read as a thank-you only by the stance model: thanked, the door left open
    told: bool = False            # the message already says what the situation's questions ask ("it won't turn on")
    served: bool = False          # thanks for what people did, not only for a product: asked where, to pass it on
    charge: str = ""              # a charge they quote an amount for: "the $134 charge", "the fee of $79"
    declines_credit: bool = False  # "not sat as credit in yours": no goodwill credit offered
    pestered: bool = False  # they complain of our calls or chasers: no call offered
    amounts_seen: tuple[str, ...] = ()  # every amount in the message, quoted passages too: the customer's currency
    vulnerable: bool = False      # they, or someone they act for, may be vulnerable: noted, never asked to repeat it
    complained: str = ""          # what they say was wrong, to follow "I'm sorry": "your ribs were lukewarm", "about the wait"
    chased: bool = False          # they say they contacted us before about this: the chase is owned, answered the same day
    happened: bool = False        # `complained` says what happened ("you were left on hold for 2 hours"), not only the thing
    apology: bool = False         # the customer apologises for what they did: thanked and reassured
    bereaved: bool = False        # the customer tells of a death: condolences before anything else
    notes: tuple[str, ...] = field(default=())

    def wants_(self, *names: str) -> bool:
        return any(w.name in names for w in self.wants)

    @property
    def topic_name(self) -> str | None:
        return self.topic.name if self.topic else None

    @property
    def understood(self) -> bool:
        return self.situation is not None and self.situation_confidence >= UNDERSTOOD

    @property
    def problem(self) -> bool:
        return self.stance.name in {"complaint", "threat", "abuse", "extortion"} or self.understood

    @property
    def afterwards(self) -> bool:
        """Told once it is over: a long letter, or a trouble told as finished ("lost my bag for 4 days"), with
        nothing happening now (no rebooking, no "where are you now?")."""
        return (self.detailed or self.over) and not self.live

    def situation_questions(self) -> tuple[str, ...]:
        """The understood situation's questions for what it is about, and for when it is told afterwards."""
        return self.situation.questions_for(self.topic_name, self.afterwards, self.told) if self.situation else ()

    def amount(self) -> str:
        amounts = [f.text for f in self.facts if f.kind == "amount"]
        return amounts[0] if len(set(amounts)) == 1 else ""

    def to_dict(self) -> dict:
        return {
            "stance": self.stance.to_dict(),
            "wants": [w.to_dict() for w in self.wants],
            "topic": self.topic.to_dict() if self.topic else None,
            "situation": ({"name": self.situation.name, "confidence": round(self.situation_confidence, 2)}
                          if self.situation else None),
            "facts": [f.to_dict() for f in self.facts],
            "company_error": self.company_error,
            "chargeback_filed": self.chargeback_filed,
            "live": self.live,
        }


_AWAITED = re.compile(r"\b(?:until|till|when|how long|before|once|if|hope|hoping|wait\w*|expect\w*|whether|soon)\b[^.!?\n]{0,30}$",
                      re.I)
_ONGOING = re.compile(r"\b(?:still|right now|at the moment|currently|as we speak|as i type|as of now)\b", re.I)


def _restored_last(restored: re.Pattern, text: str) -> bool:
    """What went down is back, said after anything still going on ("still down at 12:20 ... came back up at 12:45"), not
    asked or hoped for ("how long until it's back up and running?")."""
    back = [m.start() for m in restored.finditer(text) if not _AWAITED.search(text[max(0, m.start() - 40):m.start()])
            and re.search(r"[.!?\n]|$", text[m.end():]).group(0) != "?"]
    return bool(back) and back[-1] > max((m.start() for m in _ONGOING.finditer(text)), default=-1)


def _terse(text: str, names_something: bool) -> bool:
    words = len([w for w in text.split() if not w.startswith(("@", "http", "#", "pic.twitter"))])
    return words < TERSE_WORDS // 2 or (words < TERSE_WORDS and not names_something)


# The line a letter opens with names whom it is written to ("Dear Mr Parker, Chairman & CEO"), not a want.
# Someone else's words in quotation marks ("Do you know who I am?" - a celebrity; the page said "Are you
# sure?") are not the customer's questions.
_QUOTED = re.compile(r"[\"“”][^\"“”\n]{2,200}[\"“”]")


def read_case(text: str, analysis: Analysis, vocab: CaseVocabulary,
              guess: Callable[[str], Guess | None] | None = None,
              stance_guess: Callable[[str, str], Guess | None] | None = None,
              seconds: Callable[[str, str], bool | None] | None = None,
              stance_best: Callable[[str, dict[str, float]], Guess] | None = None, whole: str = "",
              hedged: Callable[[str, str], Guess | None] | None = None) -> CaseReading:
    """`whole` is the message with the passages it quotes (an e-mail of ours pasted in), read only for the amounts
    that show the customer's currency. `guess` is the learned situation model, asked only when no cue names what
    went wrong (`seconds`: whether it reads the situation the cues read in a long letter too, which alone makes that
    reading understood);
    `stance_guess` the learned stance model, which may change the cues' stance only in the ways it
    changed it well out of fold, and never to a threat, abuse or extortion (routing stays with the cues;
    an insult-free complaint the cues took for abuse may be put right); `stance_best` its best reading however
    unsure, asked only when the cues read nothing at all in a message about something; `hedged` its other reading of a
    letter the cues read as a complaint or a thank-you (its thanks, or its complaint), when sure enough for a
    thank-you that leaves the door open."""
    signals = set(analysis.signal_names)
    facts = quoted_facts(text)
    wants = read_wants(text, vocab)
    situation, confidence, situation_words = situation_named(text, vocab, {w.name for w in wants})
    learned = False
    # A letter tells its story in words the cues read as situations on the way: of 163 labelled letters they placed, 63
    # were right (two cues no surer than one), 36 of the 46 the situation model read the same (bot.situation_training)
    if situation is not None and seconds is not None and is_detailed(text) and not situation.incident and (
            vouched := seconds(text, situation.name)) is not None:  # a situation it never learned: the cues alone
        confidence = max(confidence, SECONDED) if vouched else min(confidence, ONE_CUE_IN_A_LETTER)
    if situation is None and guess is not None and (guessed := guess(text)) is not None:
        kind = vocab.situation(guessed.label)
        if kind is not None and fits_what_is_named(kind, text, vocab, facts) and not denied(kind, text):
            situation, confidence, situation_words, learned = kind, guessed.confidence, guessed.words, True
    found = thing_named(text, vocab, situation.topics if situation else None, facts)
    topic, word, topic_conf, name, numbered = found if found else (None, "", 0.0, "", False)
    detailed = is_detailed(text)
    if topic is not None and topic_conf < OWN_THING and detailed and sum(
            1 for m in topic.pattern.finditer(text) if not hypothetical_at(text, m.start())) < 2:
        topic, word, topic_conf, name = None, "", 0.0, ""  # "a laptop" once in passing in a long letter is not what it is about
    # "my flight is delayed" is a disruption; "my hp 520-1030a wifi won't connect" stays a device's fault: a thing
    # with a model number is a product, not a service; and a thing mentioned once in passing in a letter re-routes
    # nothing (round 41: "the coverage" once in a letter about a broken phone screen made it an outage)
    if situation is not None and topic is not None and topic.name in situation.becomes and not numbered:
        situation = vocab.situation(situation.becomes[topic.name])
    # one cue in a letter that also quotes the reference of the thing it fits ("Flight Number TCX1908 ... An initial
    # three-hour delay") names what went wrong as surely as two cues
    if confidence == ONE_CUE_IN_A_LETTER and topic is not None and topic.name in situation.topics and \
            reference_for(topic, facts):
        confidence = SECONDED
    if situation is not None and not situation_words and topic is None and not asked_alone(text, {w.name for w in wants}, vocab):
        situation, confidence = None, 0.0  # a want alone, naming nothing: "they refused to cancel the tour"
    assumed = situation is not None and topic is None and bool(situation.default_topic)
    if assumed:  # "it arrived cracked" is about an order even when the word is not there
        topic = vocab.topic(situation.default_topic)
    if assumed:
        obj = situation.object
    elif topic is not None:
        obj = topic.noun_for(word, name)
        reference = reference_for(topic, facts)
        obj += f" {reference}" if reference and topic.noun.startswith("your") else ""
    else:
        obj = situation.object if situation else ""

    own = _QUOTED.sub(" ", text)
    questions = [q.group(0).strip() for q in QUESTION.finditer(own)] + [q.group(1).strip() for q in ASKED.finditer(own)]
    rhetorical = [bool(RHETORICAL.search(q)) for q in questions]
    genuine = [q for k, q in enumerate(questions) if re.search(r"\w", q) and not rhetorical[k] and not ACTION_ASK.search(q)
               and not (k and len(q.split()) <= 3 and rhetorical[k - 1])]  # "... whether there was parking? a lift?"
    # confusion read from a question that was only rhetorical or a call for help is not a question to answer
    # confusion read in a long letter with no question in it is words on the way ("information", "options", "flights"):
    # 34 real letters got "[add the answer here]" for a question they never asked
    open_question = bool(genuine) or ("confusion" in signals and not questions and not detailed)
    if open_question:
        wants.append(Scored("answer", 0.8 if genuine else 0.6, genuine[0] if genuine else ""))

    praised = praise_given(text, vocab.stance.thanks, vocab.stance.polite_ask)
    thanks = praised[0] if praised else None
    if thanks and thanked_for(text, thanks, situation_words):
        thanks = None
    asked = [q for q, said_so in zip(questions, rhetorical) if not said_so]  # "How cool is it that ...? Thank you" asks nothing
    if thanks and len(praised) == 1 and (asked or (wants or not only_sarcasm(analysis)) and SIGN_OFF_THANKS.search(text)):
        thanks = None  # "can you DM me why my order got cancelled? Thanks", "no licence key was sent ... Thank you.": not praise
    # "impressed ... grateful ... thank you", or thanks given in several sentences ("Thank you to the 999 operator …
    # Thank you to the paramedic …"): a letter written to thank repeats itself, a sign-off does not
    sentence = sentence_of(text)
    praise = max(len({m.group(0).lower() for m in praised}), len({sentence(m.start()) for m in praised}))
    # A letter that praises in several ways is not threatening to go public when it tells everyone how good we were
    # ("Let everyone know how brilliant the staff are"); a short line does ("I will tell everyone how great you are
    # at losing parcels"). Sarcasm still vetoes praise: letting a long letter's praise outweigh it turned real
    # complaints ("I am very happy with Cox cable ... spamming me") into thanks on letters never used for tuning.
    praise_letter = praise >= PRAISE_HITS and detailed
    # One word of praise in a long letter that thanks nobody ("it was a wonderful resource fifteen years ago", "the
    # delightful hamlet of Rozelle", "a shade of green that complimented a painting") describes something on the way:
    # the stance model decides whether the letter is a thank-you (round 32: three complaint letters thanked)
    # ... and one word of thanks in it ("I appreciate ...") makes no thank-you of a letter the stance model is sure is
    # something else (round 33: "I REJECT THIS CHANGE ... the card is going into the shredder" thanked)
    if thanks and detailed and praise < PRAISE_HITS and stance_best is not None:
        best = stance_best(text, {})
        if best.label != "thanks" and (not GRATITUDE.search(thanks.group(0)) or best.confidence >= SURE_NOT_THANKS):
            thanks = None
    resolved = vocab.stance.resolved.search(text)
    complains = bool(NOT_WHY_WRITING.search(text))  # it says it writes to complain, or that its thanks are not why it writes
    # praise of the food in a one-star review, of the staff by a customer who is leaving or who writes to complain: the verdict outweighs it
    verdict = bool(LOW_RATING.search(text) or complains or CONCEDED_PRAISE.search(text)) or leaves_after_praise(
        analysis, praised) or turns_after_praise(analysis, praised, text)
    extortion = vocab.stance.extortion.search(text)
    chargeback = vocab.stance.chargeback_filed.search(text)
    # told as over ("we were delayed 3 hours on our outbound flight"), unless they say it is still going on
    restored = _restored_last(vocab.stance.restored, text)
    over = bool(vocab.stance.over.search(text)) and not _ONGOING.search(text) or restored
    live = (said_live(vocab.stance.live, text) and not restored) or (  # the customer says it is happening now, or it is a journey
        situation is not None and topic is not None and topic.live and not assumed  # (a long letter tells a journey
        and not detailed and not over)                                               # afterwards, from home)
    self_harm = analysis.escalate.reason.startswith("possible self-harm")
    menacing = threatens(analysis, text)  # their own threat of violence, not danger they report

    open_wants = [w for w in wants if w.name not in ASKING]
    # what a letter that ends in praise tells was done is no ask; a letter that praises first and then turns ("I love
    # you ... but things have changed") is a complaint, whatever it tells
    closes_praising = bool(praised) and praised[-1].start() >= len(text) * PRAISE_CLOSES
    asked_wants = [w for w in open_wants if w.confidence > TOLD_WANT or not (closes_praising or told_in_praise(text, w.words, praised, sentence))]
    apology = vocab.stance.apology.search(text)
    sarcastic = sarcasm_in_their_words(analysis)
    # swearing at us outweighs praise; swearing about a laptop in a love letter does not ("My laptop recently shit the
    # bed ... Did I have my receipt? Hell no.", round 52: a Costco fan letter answered "I can tell you're very upset")
    sworn_at = "abusive" in signals and insults_in(analysis.hit("abusive"), text, AT_READER)[1] > 0
    if extortion:
        stance = Scored("extortion", 0.85, extortion.group(0))
    elif "abusive" in signals and (sworn_at and confidence < UNDERSTOOD or situation is None and not detailed and not (
            thanks and praise >= PRAISE_HITS)):
        stance = Scored("abuse", 0.8)  # swearing about a problem we can name ("one idiot left it in the bin") is a complaint
    elif apology and not open_wants and not signals & {"abusive", "sarcasm", "threat_legal", "threat_safety"}:
        stance = Scored("thanks", 0.7, apology.group(0))  # they apologise to us (even for a post): thanked, never apologised to
    elif signals & THREAT_SIGNALS - ({"threat_safety"} if not menacing else set()) - (
            {"public_exposure"} if praise_letter and "anger" not in signals else set()) and not self_harm:
        stance = Scored("threat", 0.8)  # a danger the customer reports ("she almost died") is not their threat, nor
        # telling everyone how good we were ("Let everyone know how brilliant the staff are")
    elif thanks and (not sarcastic or resolved and only_sarcasm(analysis)) and not verdict and not sworn_at and (resolved or (not asked_wants and not genuine and praise >= PRAISE_HITS) or (
            "anger" not in signals and not asked_wants and (not genuine or open_wants == asked_wants) and (
                situation is None or not (signals & PROBLEM_SIGNALS)))):
        stance = Scored("thanks", 0.9 if resolved or situation is None or praise >= PRAISE_HITS else 0.7, thanks.group(0))
    elif genuine and situation is None and not (signals - {"anger", "confusion", "urgency", "complaint"} or "complaint" in signals and "anger" in signals):
        stance = Scored("question", 0.6)  # "is it cruelty free???": a question asked loudly, not a complaint
    elif signals & PROBLEM_SIGNALS or (situation is not None and confidence >= 0.7 and not genuine):
        stance = Scored("complaint", 0.8 if signals & PROBLEM_SIGNALS else 0.6, situation_words)
    elif open_wants:
        stance = Scored("request", 0.7, open_wants[0].words)
    elif open_question or any(w.name in ASKING for w in wants):
        stance = Scored("question", 0.8 if open_question else 0.6)
    else:
        stance = Scored("request", 0.4)

    # Nothing to act on: no problem, no want, no question, nothing named, no call for help. Short
    # remarks count ("I think they just jealous TBH"); "help" or "an issue with my account" do not.
    advert = bool(vocab.stance.advert.search(text) and re.search(r"https?://|#\w", text)
                  and stance.name not in {"complaint", "threat", "abuse", "extortion"})
    asks_us = bool(ACTION_ASK.search(text) or VAGUE_PROBLEM.search(text) or NOT_A_REMARK.search(text))
    remark = (stance.name == "request" and stance.confidence < 0.5 and not wants and situation is None
              and topic is None and not facts and not open_question and not asks_us)
    said = cue_stance(stance.name, remark, advert)
    changed = stance_guess(text, model_view(said, signals, detailed)) if stance_guess is not None and said not in FIXED_STANCES and not self_harm else None
    # a need or a problem in so many words ("i need this") is never a remark, nor insults at the reader ("You stupid
    # useless woman") a plain complaint, whatever the model's n-grams say
    learned_stance = changed is not None and stance_change_allowed(said, changed.label) and not (
        changed.label == BACKGROUND and asks_us) and not (
        said == "abuse" and sworn_at) and not (changed.label == "thanks" and complains)  # nor a letter saying it complains
    if learned_stance and changed.label == BACKGROUND:  # not speaking to us about a case: a tweet to someone else
        remark = not advert
    elif learned_stance:  # "OK this might be the best customer experience ever!": praise the cues took for sarcasm
        stance, remark, advert = Scored(changed.label, changed.confidence, changed.words), False, False
    elif stance_best is not None and said == "request" and not wants and not self_harm and not (situation and situation.request):
        # (not where a cue read something asked of us, however unsure: "I want you to make more Lego girl people ... Thank
        # you." is answered for its idea, not thanked; the 2026-12-07 fifth session's retraining tipped it to thanks)
        # The cues read nothing (no want, question, problem or praise) in a message about something ("I have
        # medication in my luggage. You shouldn't have taken off."): drafts that only leave the agent a slot help
        # no one, so the stance model's best reading, however unsure, decides between a complaint, a thank-you and
        # a remark not meant for us
        best = stance_best(text, {})
        best = stance_best(text, LEAN_TO_COMPLAINT) if best.label == "thanks" else best  # never leaning off a remark
        if best.label == "complaint" and not signals and situation is None:
            best = stance_best(text, LEAN_TO_REMARK)  # no signal, no situation: as likely a remark to someone else
        if best.label in NOTHING_READ and not (best.label == "thanks" and complains):
            stance = Scored(best.label, best.confidence, best.words)
        remark = best.label == BACKGROUND and not asks_us
    # a thank-you letter that recounts a hard time raises complaint words, and a complaint letter that praises what it
    # used to be, or a rival, raises praise (see praise_reading): where the stance model reads the other, the letter is
    # thanked for, with nothing apologised for and the door left open
    # (a thank-you the model doubts keeps its questions and asks for the complaint it may be: "Was that necessary?
    # Really?" after "Thank you for delivering my goods"; the training reads a thank-you with none, round 44)
    doubting = said == "thanks"
    # (a letter that asks for something to be done, in a want or a request situation such as a child's idea for a new
    # toy, is answered for it, not thanked with the door left open)
    acts = any(w.name not in ASKING for w in wants) or (situation is not None and situation.request and confidence >= UNDERSTOOD)
    mixed = hedged is not None and said in {"complaint", "thanks"} and not learned_stance and not (said == "complaint" and complains) and hedgeable(
        text, bool(genuine) and not doubting, acts and not doubting) and hedged(text, said)
    if mixed and said == "complaint":
        stance = Scored("thanks", mixed.confidence, mixed.words)
    # "I thought I had cancelled it but it seems I have not": no charge after cancelling read into their own slip
    own_fault = bool(vocab.stance.own_fault.search(text))
    if situation is not None and situation.company_error and own_fault:
        situation, confidence = None, 0.0
    if situation is not None and (stance.name in situation.not_for_stances or learned and stance.name in ROUTED_STANCES):
        # no apology for the colleague an abusive message names, no "suggestion" in a lawsuit's "you should consider";
        # no fault guessed without a cue in a threat ("on June 1st I'm gonna do something really big" is no broken app)
        situation, confidence = None, 0.0
    if stance.name == "thanks":  # a problem that was solved is not a problem to solve again
        situation, confidence, wants = None, 0.0, []
    attached = bool(vocab.stance.attached.search(text))
    bereaved = any(not likened_at(text, m.start()) for m in vocab.stance.bereavement.finditer(text))
    charge = charge_named(text, vocab.complaints) if vocab.complaints else ""
    complained, happened = said_back(text, vocab.complaints, charge, over=over and not live)
    if situation is not None and happened:
        # beside a situation's summary, only what happened to them or to the thing the message is about: "the system
        # is broken" says less than "the charge taken after you cancelled your subscription"
        happened = (complained.startswith("you ") and not (topic and topic.name == "staff")) or bool(
            word and re.search(rf"\b{re.escape(word.lower())}\b", complained.lower()))
    child = bool(vocab.stance.child.search(text))
    company_error = bool(situation and situation.company_error and confidence >= 0.7 and not learned
                         and not (signals & THREAT_SIGNALS) and stance.name not in {"extortion"} and not own_fault)
    return CaseReading(
        stance=stance, wants=tuple(wants),
        topic=Scored(topic.name, 0.3 if assumed else topic_conf, word) if topic else None, object=obj,
        mentions=len(re.findall(rf"\b{re.escape(word)}s?\b", text, re.I)) if topic and word else 0,
        situation=situation, situation_confidence=confidence, facts=facts,
        company_error=company_error, chargeback_filed=bool(chargeback), live=live,
        self_harm=self_harm, menace=stance.name == "threat" and menacing,
        open_question=open_question and stance.name != "thanks", remark=remark,
        detailed=detailed, over=over, advert=advert, attached=attached, child=child, learned=bool(learned),
        learned_stance=learned_stance, mixed=bool(mixed), public=bool(PUBLIC_POST.search(text)) and len(text) <= PUBLIC_POST_CHARS,
        told=bool(situation and situation.told and situation.told.search(text)),
        complained=complained, happened=happened,
        chased=any(not hypothetical_at(text, m.start()) for m in vocab.stance.chased.finditer(text)),
        charge=charge,
        declines_credit=bool(vocab.stance.declines_credit.search(text)),
        pestered=bool(vocab.stance.pestered.search(text)),
        amounts_seen=tuple(m.group(0) for m in AMOUNT.finditer(whole or text)),
        apology=bool(apology) and stance.name == "thanks",
        bereaved=bereaved,
        # "my mother died of Alzheimer's": a loss, not someone to care for now
        vulnerable=stance.name != "thanks" and not self_harm and not bereaved and bool(vocab.stance.vulnerable.search(text)),
        served=stance.name == "thanks" and bool(vocab.stance.served.search(text)) and not (
            any(f.kind == "date" for f in facts) or NAMED_ADDRESSEE.match(text) or PLACE_NAMED.search(text)),
        terse=not attached and (_terse(text, topic is not None or bool(facts)) or (
            situation is None and not detailed and bool(VAGUE_PROBLEM.search(text)))),
    )
