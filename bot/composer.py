"""The offline composer: three reply drafts, a boundary, questions and next steps.

It writes from the case reading (`bot.reading`), never by pasting the customer's sentences:
every sentence is a playbook-backed phrase from `prompts/replies/phrases.toml` whose only
slots are filled with noun phrases built from controlled parts (the situation's summary, the
topic noun, facts quoted exactly). The three Jinja2 templates in `prompts/replies/` decide
what each style does with those parts, so the drafts differ in substance, not only in layout.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.approaches import Available, assign
from bot.case_analysis import as_thanks, escalation_for
from bot.boundary import boundary_level
from bot.draft_tags import TOLD_BACK, reading_tags
from bot.errors import ConfigError
from bot.templates import Templates
from bot.offers import look_into, plan_offers, young_letter
from bot.phrases import STYLES, PhraseBook, pick
from bot.plaintext import PlainText, looks_english
from bot.public import in_private
from bot.facts import noted
from bot.policy import promises_beyond_policy
from bot.reading import CaseReading, read_case
from bot.stance_changes import ROUTED_STANCES
from bot.label_model import LabelModel
from bot.settings import Settings
from bot.situations import CaseVocabulary
from bot.suggestion import Analysis, Boundary, Reply, Suggestion
from bot.thanked import names_joined, thanked_people
from bot.writer import writer_name

MAX_DRAFT_CHARS = 1500
TONES = ("warmer", "firmer", "shorter")
GREETINGS = {"empathetic": "Hi {name},", "concise": "Hi {name},", "formal": "Dear {name},"}
ANONYMOUS = {"empathetic": "Hi there,", "concise": "Hi,", "formal": "Hello,"}
ANSWER_SLOT = "[add the answer here]"
ACTION_SLOT = "[say what you will do about it, and by when]"
# "..., and I'd like to help put it right": said once, by the feeling line when it says it (round 50: "I'm sorry this has
# been so frustrating, and I'd like to help sort it out. I'm sorry about the trouble with your order, and I'd like to help
# put it right.")
_OFFERS_HELP = re.compile(r",?\s+and I'd like to (?:help|put|get)\b")
FEELINGS = {"anger", "sarcasm", "repeat_contact", "urgency", "live", "churn_risk"}  # a request said with feeling gets the feeling line
CHASED_HOURS = 4  # the promise to a customer who has already chased us
NEEDS_REFERENCE = {"order", "parcel", "booking", "flight", "luggage"}


def _when_back(hours: int) -> str:
    if hours == 1:
        return "within the hour"
    if hours <= 4:
        return f"within {hours} hours"
    if hours <= 24:
        return "by this time tomorrow"
    return f"within {round(hours / 24)} days"


def draft_kind(case: CaseReading) -> str:
    """welfare | menace | praise | advert | remark | question | request | problem: which shape the drafts take."""
    if case.self_harm:
        return "welfare"
    if case.menace and not case.understood and not case.wants:
        return "menace"  # a threat of violence with no case of theirs named: no apology, no questions, security has it
    if case.stance.name == "thanks":
        return "praise"
    if case.advert:
        return "advert"
    if case.remark:
        return "remark"
    if case.stance.name == "question" and not case.problem:
        return "question"
    if case.stance.name == "request" or (case.understood and case.situation.request  # a request only a weak cue reads is no request
                                         and case.stance.name not in {"threat", "abuse", "extortion"}):
        return "request"
    return "problem"


def summary_of(case: CaseReading, settings: Settings) -> str:
    """What went wrong in our words: "the double charge of $292.11 on your subscription"."""
    if not case.understood:
        return ""
    amount = case.amount()
    template = case.situation.unnamed if case.topic is None and case.situation.unnamed else case.situation.summary
    return template.format(object=case.object or case.situation.object,
                                         of_amount=f" of {amount}" if amount else "",
                                         security=settings.contacts.security_contact,
                                         lead=settings.contacts.lead_label)


class Composer:
    def __init__(self, settings: Settings, phrases: PhraseBook, templates: Templates, vocab: CaseVocabulary,
                 situations: LabelModel | None = None, stances: LabelModel | None = None) -> None:
        self.settings = settings
        self.phrases = phrases
        self.templates = templates
        self.vocab = vocab
        self.situations = situations  # the learned guess at what went wrong, when no cue names it
        self.stances = stances  # the learned stance, where it corrects the cues' reading

    @staticmethod
    def _urgent(case: CaseReading, tags: set[str]) -> bool:
        """Happening now, urgent or unsafe: acted on at once, with a short interval, even while we wait for them.
        An incident or urgency in a letter told afterwards ("5 additional hours stranded at Dulles" yesterday, "please process the
        refund as soon as possible") asks for no reply within the hour: the usual interval is kept and met."""
        return case.live or case.self_harm or "due" in tags and not case.afterwards or (
            case.understood and (case.situation.incident or case.situation.follow_up == "live") and not case.afterwards)

    def _when_back(self, case: CaseReading, tags: set[str], legal: bool = False) -> str:
        """Soon for what is happening now, urgent, unsafe, or already chased; otherwise the usual interval. A case
        handed to legal gets their usual interval: no reply "within the hour" promised on their behalf."""
        voice = self.settings.voice
        if legal and not case.self_harm and not (case.understood and case.situation.incident):
            return _when_back(voice.follow_up_hours)
        if self._urgent(case, tags):
            return _when_back(voice.urgent_follow_up_hours)
        if "chased" in tags or case.understood and case.situation.incident:  # waited for us already, or told of harm:
            # the same day, not tomorrow (an incident told afterwards needs no answer within the hour)
            return _when_back(min(CHASED_HOURS, voice.follow_up_hours))
        if case.public:  # a tweet to us: the channel's own pace
            return _when_back(min(voice.public_follow_up_hours, voice.follow_up_hours))
        return _when_back(voice.follow_up_hours)

    def _ask(self, case: CaseReading, kind: str, offers: tuple) -> str:
        """The one question a concise draft asks when it cannot resolve the case yet (or the agent's slot:
        a draft is never left with nothing in it)."""
        if kind in {"praise", "welfare", "menace", "question", "remark", "advert", "unread"}:
            return ""
        if case.understood and case.situation.incident:
            return " ".join(case.situation_questions())
        # What it is about needs a reference to look up (an order, a parcel, a booking): asking for it is the one
        # useful question, whether or not we understood what went wrong ("Package was held up, sent to the wrong state").
        if (case.understood or (kind == "problem" and not case.open_question)) and case.topic and \
                case.topic.name in NEEDS_REFERENCE and not any(f.kind == "reference" for f in case.facts):
            return f"Could you send me the reference for {case.object}, so I can look it up?"
        if case.understood and case.situation_questions():
            return case.situation_questions()[0].format(object=case.object)
        if kind == "problem" and case.stance.name == "abuse" and not case.detailed:
            return "Could you tell me what went wrong, so I can look into it?"  # insults name no problem to act on
        if kind == "problem" and case.open_question:
            return ANSWER_SLOT  # the problem is unclear to us, but the customer asked something: answer it
        if kind == "problem" and not case.terse:
            return ACTION_SLOT  # they have said what happened; asking for "a little more" makes them repeat it
        if kind == "problem":
            return "Could you tell me a little more about what happened, so I can look into it?"
        if kind == "request" and not case.wants:
            return "Could you tell me a little more about what you need, so I can help?" if case.terse else ACTION_SLOT
        if kind == "request" and not offers:
            return ACTION_SLOT  # asked for something we have no remedy for ("get our service back online")
        return ""

    def compose(self, prepared: PlainText, analysis: Analysis, engine: str = "offline",
                tone: str | None = None) -> Suggestion:
        """`tone` (warmer | firmer | shorter) re-composes the same message for the agent's taste."""
        text = prepared.own_words
        case = read_case(text, analysis, self.vocab, self.situations.guess if self.situations else None,
                         self.stances.guess if self.stances else None, self.situations.seconds if self.situations else None,
                         self.stances.best if self.stances else None, whole=prepared.display,
                         hedged=self.stances.hedged_thanks if self.stances else None)
        english = looks_english(text)
        # A message the analysis cannot read gets drafts that only acknowledge it: nothing promised on a misreading.
        kind = draft_kind(case) if english or case.self_harm else "unread"
        tags = reading_tags(case, analysis) if kind != "unread" else {"unread"}  # nothing else was read reliably
        if kind == "unread" and analysis.severity == "low":  # unknown, not low: the contract's scale has no "unknown"
            analysis = replace(analysis, severity="medium")
        thanked = thanked_people(text) if kind == "praise" else ()
        if kind == "praise":  # a thank-you letter that recounts a bad trip is still a thank-you: nothing to escalate
            tags = tags - TOLD_BACK - {"complaint"} | ({"after_trouble"} if "complaint" in tags else set()) | (
                {"thanked_named"} if thanked else {"served"} if case.served else set())
            analysis = as_thanks(analysis)
        analysis = escalation_for(case, kind, analysis)
        contacts = self.settings.contacts
        values = {"summary": summary_of(case, self.settings), "object": case.object, "complained": case.complained,
                  "when_back": self._when_back(case, tags, analysis.escalate.to == "legal"),
                  "lead": contacts.lead_label, "legal": contacts.legal_contact, "security": contacts.security_contact,
                  "lead_channel": contacts.lead_channel, "thanked": names_joined(thanked)}
        if re.search(r"\d", values["summary"]) and not re.search(r"\d", case.complained):
            tags.discard("happened")  # "the double charge of $292.11 on ..." quotes what "you were charged twice" doesn't
        sources: list[str] = []

        def say(bank: str, style: str, salt: str = "", entry=None, among: set[str] | None = None) -> str:
            entry = entry or self.phrases.first(bank, tags if among is None else among, analysis.root_cause)
            sources.append(entry.source)
            key = "text" if "text" in entry.variants else style
            return self.templates.fill(pick(entry.variants[key], text + salt + style + bank), **values)

        plan = plan_offers(case, analysis, self.vocab, self.settings, limit=1 if tone == "shorter" else 3)
        sources.extend(o.source for o in plan.offers)
        ask = self._ask(case, kind, plan.offers)
        # A problem we can't place yet still gets drafts that act: the concise and formal ones promise to find out
        # what went wrong; the empathetic one leaves the agent room to say in their own words what they will do.
        looked = (kind == "problem" and ask == ACTION_SLOT and not plan.offers
                  and case.stance.name not in {"abuse", "extortion"})
        fallback = (look_into(case, self.vocab, self.settings, analysis),) if looked else ()
        # a child's letter we can't place: passed on (bot.offers decides it, and plans the one offer that does it)
        young = young_letter(case, self.vocab) and not case.understood
        # ... and the drafts that involve the customer ask the one thing that finds it on our side (the e-mail on the
        # account, the model of the device), then look into it: reviewers found "I'll look into what went wrong" with
        # nothing to look at, and a slot to fill, in most drafts for a problem a tweet names without details
        # (a threat's topic may be what it demands, "a $100 gift card": it gets the general question)
        topic = self.vocab.topic(case.topic_name) if case.stance.name not in ROUTED_STANCES else None
        # ... unless they gave a reference ("TRAIN 12781 S3 17 PNR-4439383383"): asking for one again is not reading it
        given = any(f.kind == "reference" for f in case.facts)
        lookup = self.vocab.lookup_for(topic).format(object=case.object) if looked and not case.detailed and not given else ""
        sources.extend(o.source for o in fallback)
        if len(plan.offers) < 2:
            tags.add("one_offer")  # "which of the options?" needs options
        urgent = self._urgent(case, tags)  # something happening now keeps a time, even while we wait for them
        if kind == "problem" and ask not in {"", ANSWER_SLOT, ACTION_SLOT} and not plan.offers and not urgent:
            tags.add("awaiting")  # nothing can be done until they answer: promise to act on the reply, not by a time
        follow = kind in {"problem", "welfare"} and not (case.understood and case.situation.follow_up == "answered") and not (
            ask == ANSWER_SLOT and not plan.offers and not urgent) and not (  # the answer is the reply: no update after it
            case.wants_("left_alone")) and not young  # "please stop texting me" (round 18), a child's idea: the reply is the last word
        # What each draft does (bot.approaches): put it right, involve the customer, or hand it over. A draft says
        # it was passed on only when the analysis passes it on.
        escalation = self.phrases.all("escalation_line", tags)[:1] if kind == "problem" and analysis.escalate.recommended else []
        # the one thing no draft can act without: the reference to look up, an incident's details, or the problem itself
        incident = case.understood and case.situation.incident
        needed = ask if ask and (not plan.offers or "reference" in ask or incident) and not lookup else ""
        probe = lookup or self._probe(case, kind, ask, needed)
        if case.public:  # a reply to a tweet is public too: the account details come by direct message
            needed, probe, lookup, ask = (in_private(q) for q in (needed, probe, lookup, ask))
        # what we would do waits for their answer ("which printer?", "what happened?"): the drafts ask first and
        # promise to act on the answer, with no time to update them by (reviewers, round 21's tweets)
        waits = any(q and q not in {ANSWER_SLOT, ACTION_SLOT} for q in (probe, needed)) and not urgent and all(
            o.after_answer for o in plan.offers or fallback)
        if waits:
            tags.add("awaiting")  # the next step picks the case up on their answer, as the drafts promise
        # a question about something that went wrong, which we can't answer from here: the empathetic draft checks
        # with colleagues instead of leaving a slot (a plain how-to question is answered now, in every draft)
        checking = (kind == "question" and "complaint" in tags or needed == ANSWER_SLOT) and tone != "shorter" and not case.child
        if checking:
            tags.add("checking")
        choose = bool(case.understood and case.situation.choose)
        # a long complaint letter we can't place: a call, or a formal complaint answered in writing (bot.approaches)
        # (only when the stance model reads a complaint too: a thank-you letter the cues took for one is never
        # "recorded as a formal complaint")
        letter = (looked and case.detailed and not case.public and case.stance.name == "complaint" and not case.child
                  and (self.stances is None or self.stances.top(text) == "complaint"))
        approaches = assign(STYLES, Available(offers=len(plan.offers or fallback), question=bool(probe),
                                              alternatives=choose, call=letter and tone != "shorter" and not case.pestered,
                                              record=letter and not escalation and tone != "shorter",
                                              # insults with no problem named have nothing to hand over yet
                                              handover=bool(escalation) and tone != "shorter" and not (
                                                  case.stance.name == "abuse" and not case.understood)))
        # a request is met with feeling only when a feeling of theirs was read (not the general thank-you line)
        felt = kind != "request" or bool(tags & FEELINGS and self.phrases.first("feeling", tags, analysis.root_cause).when)
        name = writer_name(text)
        replies = []
        for style in STYLES:
            short = "concise" if tone == "shorter" else style
            approach = "ask" if waits and style == "concise" and approaches[style] == "act" else approaches[style]
            offers = fallback if fallback and (style != "empathetic" or approach == "ask") else plan.offers
            if approach == "act" and style == "concise" and choose:
                offers = offers[:1]  # alternatives: the concise draft takes the first, the others show the choice
            if approach == "ask":
                follow_up = (say("follow_up", short, "fu", among=tags if urgent else tags | {"awaiting"})
                             if follow and (urgent or not offers) else "")  # "as soon as I have that, I'll …" says when
            elif approach == "call":  # the call is the next contact: a time to write again only for what is urgent
                follow_up = say("follow_up", short, "fu") if follow and urgent else ""
            else:
                follow_up = say("follow_up", short, "fu") if follow and approach != "handover" and not waits else ""
            check = say("check_line", "text", "check") if checking and style == "empathetic" else ""
            if check:
                follow_up = ""  # the check line says when they will hear back
            feeling = (say("firm_feeling" if tone == "firmer" else "feeling", short) if felt else "")
            regret = say("regret", short) if kind == "problem" and not young else ""  # the feeling line thanks a child
            # a death told in a complaint is met with condolences in every draft, not only the one led by feeling (round 60)
            condolence = feeling if "bereaved" in tags and kind == "problem" and style != "empathetic" and tone != "firmer" else ""
            if (style == "empathetic" and "sorry" in feeling.lower() or condolence) and \
                    self.phrases.first("regret", tags, analysis.root_cause).when <= {"terse", "detailed"}:
                regret = ""  # "I'm sorry this is still going on" has apologised: a general second apology adds nothing
            if style == "empathetic" and _OFFERS_HELP.search(feeling) and (offer := _OFFERS_HELP.search(regret)):
                regret = regret[:offer.start()].rstrip(" ,") + "."  # one "I'd like to help" is enough
            parts = dict(
                kind=kind,
                greeting=GREETINGS[style].format(name=name) if name else ANONYMOUS[style],
                summary=values["summary"],
                feeling=feeling,
                warm=say("warm_extra", style) if tone == "warmer" else "",
                regret=regret,
                condolence=condolence,
                received=say("received", short) if kind == "request" else "",
                noted=noted(case.facts, values["summary"] + " " + case.object) if kind in {"problem", "request"} else "",
                admission=say("admission", short) if kind == "problem" and case.company_error and tone not in {"firmer", "shorter"} else "",
                thanks=say("thanks", style) if kind == "praise" else "",
                thanks_pass_on=say("thanks_pass_on", style) if kind == "praise" else "",
                remark=say("remark_line", style) if kind in {"remark", "advert"} else "",
                menace=say("menace_line", style) if kind == "menace" else "",
                unread=say("unread_line", style) if kind == "unread" else "",
                question_intro=say("question_intro", style) if kind == "question" else "",
                answer_slot=ANSWER_SLOT,
                welfare=say("welfare_line", style) if kind == "welfare" else "",
                extortion_line=say("extortion_line", short) if case.stance.name == "extortion" else "",
                chargeback_line=say("chargeback_line", short) if case.chargeback_filed and kind == "problem" else "",
                approach=approach,
                # a draft that asks still acts first on what is happening now, and on what they asked for (a
                # cancellation is never held back for an answer)
                act_first=urgent or (case.understood and case.situation.request) or case.wants_("cancel"),
                offers=offers,
                question=probe if approach == "ask" else "",
                # a draft that hands the case to a lead leaves them the answer: no slot after "will contact you"
                ask=check if check and kind != "question" else (
                    "" if fallback and style != "empathetic" or approach == "ask" and _same_ask(needed, probe)
                    or approach == "handover" and needed in {ANSWER_SLOT, ACTION_SLOT} else needed),
                check=check,
                escalation_line=say("escalation_line", "text", "esc", escalation[0]) if approach == "handover" else "",
                call_line=say("call_line", "text", "call") if approach == "call" else "",
                record_line=say("record_line", "text", "record") if approach == "record" else "",
                follow_up=follow_up,
                # a reply under a tweet is read by everyone and should be short: no promise to keep the case, no
                # review by a lead offered before anything is known (reviewers, rounds 20-22: "keep it tweet-length")
                ownership=say("ownership", "text", "own") if kind == "problem" and style == "empathetic" and tone != "shorter"
                and not case.wants_("left_alone") and not case.public and self.phrases.all("ownership", tags) else "",
                route=say("route", "text", "route") if kind == "problem" and style == "formal" and approach != "handover"
                and self.phrases.all("route", tags) and not case.public else "",
                sign_off=self.settings.voice.sign_off,
                team=self.settings.voice.team_name[:1].upper() + self.settings.voice.team_name[1:],
            )
            replies.append(Reply(style, _trim(self.templates.render(style, **parts))))
        for reply in replies:
            problems = promises_beyond_policy(reply.text, self.settings.policy, self.settings.voice)
            if problems:
                raise ConfigError(f"prompts/replies/{reply.style}.j2 produced a draft that breaks policy: {problems[0]}")

        level = max(boundary_level(analysis, text, letter=case.detailed), 1 if case.stance.name == "extortion" else 0)
        boundary = None
        if level:
            boundary = Boundary(level, say("boundary", "text", "boundary", self.phrases.boundary(level)))

        questions = self._questions(case, kind, tags, lookup or ask, say)
        questions = list(dict.fromkeys(in_private(q) for q in questions)) if case.public else questions
        steps = self._steps(case, kind, tags, analysis, follow, values, say)
        notes = list(analysis.notes) + list(plan.withheld)
        if not english:
            notes.append("This message doesn't look like English, so the analysis can't read it: its signals are unreliable "
                         "and the severity shown is a placeholder. Have it translated (or read by a colleague who speaks "
                         "the language) before replying; the drafts only acknowledge it.")
        return Suggestion(engine=engine, analysis=analysis, replies=tuple(replies), boundary=boundary,
                          next_steps=tuple(steps), questions=tuple(questions), sources=tuple(dict.fromkeys(sources)),
                          notes=tuple(notes), reading=case)

    @staticmethod
    def _probe(case: CaseReading, kind: str, ask: str, needed: str) -> str:
        """The specific question a draft that involves the customer asks first: one whose answer decides the
        fix (the situation's own questions, or the one the case needs), preferring one the other drafts don't ask."""
        if kind not in {"problem", "request"} or case.detailed:  # a long letter has told the story: don't ask for it
            return ""
        found = [ask] if ask and ask not in {ANSWER_SLOT, ACTION_SLOT} else []
        if case.understood:
            found += [q.format(object=case.object) for q in case.situation_questions()]
        return next((q for q in found if q not in needed), found[0] if found else "")

    def _questions(self, case: CaseReading, kind: str, tags: set[str], ask: str, say) -> list[str]:
        if kind in {"praise", "welfare", "advert", "menace"}:
            return []
        found = [ask] if ask and ask not in {ANSWER_SLOT, ACTION_SLOT} else []
        if case.understood:
            situation = [q.format(object=case.object) for q in case.situation_questions()]
            found = [q for q in found if q != " ".join(situation)] + situation  # the incident path joins them in the draft
        found += [say("question", "text", "q", entry) for entry in self.phrases.all("question", tags)]
        return list(dict.fromkeys(found))[:4]

    def _steps(self, case: CaseReading, kind: str, tags: set[str], analysis: Analysis, follow: bool, values: dict,
               say) -> list[str]:
        if kind == "advert":
            return ["No reply is needed: this reads as an advert or promotion, not a customer writing to the team. "
                    "Mark it as spam where the channel allows."]
        steps: list[str] = []
        if analysis.escalate.recommended and analysis.escalate.to == "lead" and not case.self_harm:
            steps.append(f"Tell {values['lead']} in {values['lead_channel']}: {analysis.escalate.reason}.")
        if case.understood:
            steps += [s.format(object=case.object, security=values["security"], lead=values["lead"]) for s in case.situation.steps_for(case.topic_name)]
        steps += [say("next_step", "text", "step", entry) for entry in self.phrases.all("next_step", tags)]
        if kind in {"problem", "request"}:
            steps.append("Write a short summary in the ticket: what happened, what was offered, what was agreed.")
        steps = list(dict.fromkeys(steps))[:6]
        if follow and tags & {"terse", "awaiting"}:  # the draft promises to act on their answer, not to write by a time
            steps.append("When the customer replies with what happened, pick the case up at once, as the reply promises.")
        elif follow:  # always kept: the reminder is what makes the draft's promise true
            steps.append(f"Set a reminder to update the customer {values['when_back']}, as the reply promises.")
        return steps


def _same_ask(needed: str, probe: str) -> bool:
    """The draft's question already asks for it: the same words, or a reference both ask for ("What is your booking
    reference ...?" and "Could you send me the reference for your flight?", round 33)."""
    return needed == probe or "reference" in needed.lower() and "reference" in probe.lower()


def _trim(draft: str) -> str:
    if len(draft) <= MAX_DRAFT_CHARS:
        return draft
    cut = draft[: MAX_DRAFT_CHARS - 2].rsplit("\n", 1)[0]
    return cut.rstrip() + "\n…"
