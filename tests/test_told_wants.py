"""A want told in a letter's story is not an ask: "the power was back up", "they needed to tear open the wall in
order to fix it" must not hold back the thank-you of a letter written to thank (stance labels: seven real
thank-you letters read as complaints for this, against four letters that praise first and then complain)."""

from __future__ import annotations

from draft_defects import drafts, real_messages

from bot.reading import TOLD_WANT


def test_a_want_in_the_story_of_a_letter_is_told_and_one_asked_for_is_asked(assistant):
    story = ("Last winter the storm brought a tree down over the lines and our power went out for two days. "
             "The crew worked through the night to get everything back up, and by the morning the lights were on. "
             "Nobody on our street had expected it so soon, and the children were back at school on Monday. ") * 2
    told = assistant.suggest(story).reading
    assert [(w.name, w.confidence) for w in told.wants if w.name == "service_restored"] == [("service_restored", TOLD_WANT)]
    asked = assistant.suggest(story + "Please can you get it back up again, it went off this morning.").reading
    assert [(w.name, w.confidence) for w in asked.wants if w.name == "service_restored"] == [("service_restored", 0.8)]


def test_real_thank_you_letters_that_tell_what_was_fixed_are_thanked_without_an_apology(assistant):
    letters = real_messages()
    for key in ("web-h-17", "web-k-22", "web-h-50"):
        s = assistant.suggest(letters[key])
        assert s.reading.stance.name == "thanks", key
        assert "sorry" not in drafts(s).lower(), key


def test_a_real_letter_that_praises_first_and_then_complains_stays_a_complaint(assistant):
    s = assistant.suggest(real_messages()["web-x-16"])
    assert s.reading.stance.name == "complaint"


def test_a_want_only_imagined_in_an_if_clause_is_no_want_but_a_conditional_or_polite_one_is(assistant):
    wants = lambda text: {w.name for w in assistant.suggest(text).reading.wants}  # noqa: E731
    story = ("I have used your photo editor since 1998 and loved it. With the new model I lose access to my own files "
             "if for some reason I have to cancel my subscription. That is not what I paid for over twenty years. ")
    assert "cancel" not in wants(story * 2)
    assert "refund" in wants("This is a scam and I will go to the authorities if I dont get a refund.")
    assert "refund" in wants("The course was cancelled twice, so if I could get a refund I would be very thankful.")
    assert "refund" in wants("If this is not fixed by Friday I want a refund.")


def test_us_as_a_whole_is_no_thing_to_be_sorry_about(assistant):
    text = ("Dear Hermes, you are clearly struggling this December. Your offering is so absolutely awful that nothing "
            "short of a clean-slate appraisal of your venture can be even remotely meaningful. My parcel is lost again.")
    assert "sorry about the offering" not in drafts(assistant.suggest(text)).lower()


def test_an_ask_with_a_curly_apostrophe_or_written_to_ask_is_asked_in_a_letter(assistant):
    story = ("I have been a member of your club since 2004 and used the pool three mornings a week for most of that "
             "time. The changing rooms were refurbished last year and the staff have always been friendly. ") * 2
    def cancel(text):
        return [w.confidence for w in assistant.suggest(text).reading.wants if w.name == "cancel"]
    assert cancel(story + "I\u2019d like to cancel my membership from the end of this month.") == [0.8]
    assert cancel("I am writing to cancel my membership at the end of this month. " + story) == [0.8]
    assert cancel(story + "Two years ago I had to cancel my membership for a while after an operation.") == [TOLD_WANT]


def test_a_want_a_letter_only_tells_is_offered_for_only_where_told_wants_are_wanted(assistant):
    # round 41 (real): "I can't spend the money on a replacement/repair right now" got "I can send you a replacement
    # at no cost" for a chassis never bought; a refund a letter tells it asked for is still wanted
    s = assistant.suggest(real_messages()["web-ar-01"])
    assert [w.confidence for w in s.reading.wants if w.name == "replacement"] == [TOLD_WANT]
    assert "replacement at no cost" not in drafts(s)
    story = ("I bought the annual plan in March and used it for two weeks before the app stopped syncing. I wrote to "
             "support three times and heard nothing back, and in the end I immediately requested a refund through the "
             "website, but the chatbot denied my request and closed the conversation. ") * 2
    told = assistant.suggest(story)
    assert [w.confidence for w in told.reading.wants if w.name == "refund"] == [TOLD_WANT]
    assert "refund" in drafts(told)


def test_an_indirect_ask_is_asked(assistant):
    # a child's letter (real, web-t-13): "Daddy said to send you a email to see if you will send me another one"
    s = assistant.suggest(real_messages()["web-t-13"])
    assert [w.confidence for w in s.reading.wants if w.name == "replacement"] == [0.8]
