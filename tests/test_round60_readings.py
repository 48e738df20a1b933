"""Readings fixed after review round 60 (funeral homes, florists and weddings; pharmacies, dentists and vets), each worded
apart from the message it was found on: a loss told plainly or a pet that died is met with condolences in every draft."""

from __future__ import annotations

import re

import pytest
from draft_defects import drafts

CONDOLENCE = re.compile(r"sorry for your loss|condolences", re.I)


def signals(assistant, text: str) -> tuple[str, ...]:
    return assistant.suggest(text).analysis.signal_names


@pytest.mark.parametrize("text", [
    "I came back to your clinic for the first time since the death of my husband, and the receptionist asked whether he "
    "would be joining me. I had told two of your staff on the phone beforehand.",
    "Since the loss of my beloved Martha in March I have phoned your office four times to close her account, and every "
    "month another bill arrives in her name.",
    "Our old cat had died on the table before your locum even came into the room. We waited forty minutes in reception "
    "while she struggled to breathe.",
    "We had to have our spaniel put to sleep last week, and your practice has now sent three reminders for his booster "
    "jab. Please take him off your list.",
])
def test_a_death_told_in_a_complaint_gets_condolences_in_every_draft(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.bereaved
    for reply in s.replies:
        assert CONDOLENCE.search(reply.text), reply.style


@pytest.mark.parametrize("text", [
    "The loss of my loyalty points after the app update is ridiculous, I had 4,000 of them.",
    "My phone died halfway through your checkout and now I've been charged twice for the same order.",
    "I had to put my order down as a guest because your login page kept timing out.",
])
def test_a_loss_of_things_or_a_dead_phone_is_no_bereavement(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.bereaved
    assert not any(CONDOLENCE.search(r.text) for r in s.replies)


def test_a_number_written_after_a_things_name_is_no_reference(assistant):
    from bot.facts import quoted_facts
    refs = lambda text: [f.text for f in quoted_facts(text) if f.kind == "reference"]  # noqa: E731
    assert refs("In photo #212 you can see the cake was already leaning before the speeches.") == []
    assert refs("We parked at your Leeds depot #4471 and nobody came out.") == []
    assert refs("My #A55812 never turned up, and the complaint I opened (#30917) was closed.") == ["A55812", "30917"]
    s = assistant.suggest("According to slide #37 of your own presentation the upgrade was free, so why was I billed $40?")
    assert "#37" not in drafts(s)


def test_what_was_sent_arriving_spoilt_is_a_complaint(assistant):
    s = assistant.suggest("I sent my mother a fruit basket for her 80th. When it was delivered half the pears were rotten "
                          "and the card was missing.")
    assert "complaint" in s.analysis.signal_names
    assert not re.search(r"nothing here asks for action", " ".join(s.next_steps), re.I)


def test_thanks_for_being_told_we_dont_count_is_sarcasm(assistant):
    s = assistant.suggest("Thanks a lot to the front desk at your Elm Road hotel for making us feel we don't matter "
                          "because we booked through an app.")
    assert "sarcasm" in s.analysis.signal_names and s.reading.stance.name != "thanks"


def test_a_challenge_to_a_rule_is_no_question_to_answer(assistant):
    s = assistant.suggest("Since when do your drivers get to decide which streets they deliver to? Three parcels have now "
                          "been left at the corner shop.")
    assert s.reading.stance.name != "question"
    assert not re.search(r"add the answer here", drafts(s))


def test_calling_what_we_made_of_it_a_farce_is_a_complaint(assistant):
    s = assistant.suggest("Your staff made an absolute shambles of my father's retirement lunch.")
    assert "complaint" in s.analysis.signal_names and not re.search(r"good to hear from you", drafts(s))


def test_a_letter_that_calls_itself_an_apology_is_not_apologised_to(assistant):
    s = assistant.suggest("Dear Dr Okafor, this is a belated letter of apology. I shouted at your receptionist last "
                          "Tuesday because I was terrified of the extraction, and that was unfair of me.")
    assert s.reading.apology
    assert not re.search(r"\bI'm sorry|\bsorry (?:about|for|this)", drafts(s))


def test_a_death_in_a_likeness_is_no_loss_of_theirs(assistant):
    s = assistant.suggest("Your renewal e-mail arrived the day after I cancelled. It felt like being sent flowers as if "
                          "for someone's funeral by the person who ran them over. Please remove me from the list.")
    assert not s.reading.bereaved
    assert not any(CONDOLENCE.search(r.text) for r in s.replies)


def test_what_a_thank_you_says_we_did_is_no_ask(assistant):
    text = ("I want to formally thank the gas board and the two engineers from Carlisle. I am so grateful for everything "
            "they did to reconnect our supply on Christmas Eve, working in freezing rain. We were cold for two days and "
            "the children were miserable, and I know hundreds of houses were in the same position. Most people would "
            "have gone home; they kept going until every street in the village was done, and nobody complained.")
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks"
    assert not re.search(r"\bsorry\b|credit you're owed", drafts(s), re.I)


def test_a_room_in_the_story_is_no_stay(assistant):
    for text in ("The nurse walked out of the room while my father was still bleeding, and nobody came back for an hour.",
                 "We waited in your consulting room for forty minutes before the optician even arrived."):
        s = assistant.suggest(text)
        assert s.reading.topic_name != "booking", text
        assert not re.search(r"reference for your room", drafts(s))


def test_where_something_lies_is_no_lie(assistant):
    def angry_words(text):
        hit = assistant.suggest(text).analysis.hit("anger")
        return [e.text.lower() for e in hit.evidence] if hit else []
    assert "lies" not in angry_words("The difficulty lies with the new booking page: it will not let me choose a Saturday.")
    assert "lies" in angry_words("Your sales rep told me lies about the contract length and I want it cancelled.")


def test_isnt_that_special_is_sarcasm_not_a_question(assistant):
    s = assistant.suggest("Your branch told me for the fourth week running that the part is 'on order'. Isn't that "
                          "convenient? My van has been off the road since March.")
    assert "sarcasm" in s.analysis.signal_names and not re.search(r"add the answer here", drafts(s))


def test_going_to_find_another_of_our_kind_is_churn(assistant):
    text = "Three missed collections in a month. We will be looking for a new cleaner from January."
    assert "churn_risk" in signals(assistant, text)


def test_a_plant_is_no_insult(assistant):
    s = assistant.suggest("Thank you, Maureen, for the pussy willow cuttings you left on the step; the garden looks lovely.")
    assert "abusive" not in s.analysis.signal_names and s.boundary is None


def test_ones_own_head_popped_into_a_room_is_no_threat(assistant):
    s = assistant.suggest("I poked my head into the spa on Tuesday and the changing rooms were filthy again.")
    assert "threat_safety" not in s.analysis.signal_names and s.analysis.severity != "critical"
    text = "Ignore me once more and I'll put your head through the glass counter."
    assert "threat_safety" in signals(assistant, text)


def test_a_customer_sorry_for_doubting_us_is_thanked_not_apologised_to(assistant):
    s = assistant.suggest("Dear Tom, we're sorry we ever doubted you when you said the boiler needed a new pump. We tried "
                          "the cheap fix from the forum first, flooded the utility room, and had to call you back anyway. "
                          "I am sorry for the times we made you wait at the door while we hunted for the key.")
    assert s.reading.apology and s.reading.stance.name == "thanks"
    assert not re.search(r"\bI'm sorry|\bI am sorry", drafts(s))


def test_a_flood_is_no_fault_in_the_water_supply(assistant):
    s = assistant.suggest("Our campsite pitch was under a foot of muddy water when we arrived, and nobody at reception "
                          "offered to move us.")
    assert s.reading.situation is None or s.reading.situation.name != "utility_hazard"
    tap = assistant.suggest("Muddy tap water again this morning in Elm Street, three days running now.")
    assert tap.reading.situation is not None and tap.reading.situation.name == "utility_hazard"


def test_blocked_by_our_social_account_is_no_suspended_account(assistant):
    s = assistant.suggest("@QuickFlats you blocked me on Instagram for asking about my deposit. Still waiting on the $600.")
    assert s.reading.situation is None or s.reading.situation.name != "account_suspended"
    shut = assistant.suggest("You have blocked me from logging in since Tuesday and my invoices are all in there.")
    assert shut.reading.situation is not None and shut.reading.situation.name == "account_suspended"


def test_a_jibe_at_someones_qualities_is_not_said_back(assistant):
    s = assistant.suggest("Your installer's communication skills are so poor that we only found out the kitchen would be "
                          "a week late when he failed to turn up on Monday.")
    assert not re.search(r"sorry about the (?:\w+ )?skills", drafts(s), re.I)


def test_harm_told_afterwards_is_not_asked_about_again(assistant):
    s = assistant.suggest("Last August on your harbour kayak tour the guide left my son behind when the wind picked up. "
                          "He was pushed onto the rocks, cut his leg badly and needed six stitches at the clinic in town. "
                          "Nobody from your company has contacted us since, even though I gave my details to the office "
                          "that same afternoon and wrote again in September.")
    assert s.reading.situation is not None and s.reading.situation.incident and s.reading.afterwards
    assert not re.search(r"Was anyone hurt", drafts(s) + " ".join(s.questions))


def test_a_letter_that_says_it_writes_to_complain_is_no_thank_you(assistant):
    s = assistant.suggest("Dear Ms Ortega, I am writing to express my deep dissatisfaction with your Harbour Street branch. "
                          "A special shout out to Dev on the phones, who was very kind and understanding, and to Priya, "
                          "who was lovely. Neither could explain why my order was cancelled twice without a word.")
    assert s.reading.stance.name != "thanks"
    thanks = assistant.suggest("I'm not writing to complain at all: a huge thank you to Dev and Priya at Harbour Street, who "
                               "were so kind and helpful when my order went astray, and sorted it within the hour.")
    assert thanks.reading.stance.name == "thanks"


def test_ones_own_funeral_is_a_joke_and_own_is_not_said_back(assistant):
    s = assistant.suggest("They said the table would be ready at eight. Ready for what, my funeral? We waited an hour "
                          "while your own staff ate at the bar.")
    assert not s.reading.bereaved
    mourning = assistant.suggest("We booked the room for my father's funeral lunch and you gave it away.")
    assert mourning.reading.bereaved
    stuck = assistant.suggest("Imagine paying for priority when your own order is stuck at the depot for a week.")
    assert not re.search(r"\bthe own\b", " ".join(r.text for r in stuck.replies))


@pytest.mark.parametrize("signal, quiet, raised", [
    # someone else's failure to understand is no confusion of theirs
    ("confusion", "Your manager clearly doesn't care and you will never understand what that day cost my family.",
     "I don't understand which of the two plans I'm on now, can you tell me?"),
    # the news someone read is no threat to go to the news
    ("public_exposure", "According to the BBC the port is closed until Monday. Will our cruise still leave on Saturday?",
     "If my deposit is not back by Friday I am going to the BBC with the whole story."),
    # only custom taken elsewhere is leaving
    ("churn_risk", "I may publish your answer in the local paper and elsewhere. How long does a bed bug treatment take?",
     "After the third missed visit I'm afraid we'll be spending our money elsewhere."),
    # a price multiplied is no contact repeated
    ("repeat_contact", "The spa charged us four times the price the website showed for the same massage.",
     "I have called four times about the same massage booking and nobody rings back."),
])
def test_a_cue_reads_only_where_it_is_meant(assistant, signal, quiet, raised):
    assert signal not in signals(assistant, quiet)
    assert signal in signals(assistant, raised)


@pytest.mark.parametrize("want, text, done", [
    # a declared intent of the writer's own: a gym letter had been offered only a look into what went wrong
    ("cancel", "To the manager of the Riverside leisure centre. I have been a member for six years, and the pool has now "
               "been closed for repairs for most of this year while the fee went up twice. The purpose of this letter is "
               "to give you notice of my intention to cancel my membership at the end of this month.", r"cancel"),
    # told to as a shrug (round 62: a donor's mailings went on)
    ("left_alone", "I have given to your shelter every Christmas for eleven years, and this year you sent me four glossy "
                   "packs asking for more before December had even started, each costlier than the last. I will give "
                   "when and where I choose. You might as well stop sending me your mailings and spend the postage on "
                   "the dogs.", r"remove you"),
])
def test_a_want_said_this_way_is_asked(assistant, want, text, done):
    s = assistant.suggest(text)
    assert any(w.name == want and w.confidence > 0.5 for w in s.reading.wants)
    assert re.search(done, drafts(s))