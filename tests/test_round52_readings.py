"""Readings fixed from review round 52 (real messages to telephone, broadband and TV providers, online retailers and
appliance stores) and the leftovers of round 51: a word the message once names as another thing keeps that meaning, a
fault denied is no fault, paperwork about a cancellation asks for none, a near miss is a safety incident, a mended
line is an outage that is over, suggestions called so are suggestions, the world's state is nobody's fault here, and
a customer who has already left is told so. Each test is worded apart from the message it was found on."""

from __future__ import annotations

import pytest
from draft_defects import drafts


def _situation(s) -> str | None:
    return s.reading.situation.name if s.reading.situation else None


def test_starting_with_a_digit_is_no_fault(assistant):
    s = assistant.suggest("Surely there is a mistake: my member number doesn't start with a 7 like the form says.")
    assert _situation(s) != "not_working" and "warranty" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "I read your cancellation policy twice and the cancellation fee still looks wrong to me.",
    "Thank you for the cancellation confirmation letter, but nobody answered what I actually asked about the staff.",
])
def test_paperwork_about_a_cancellation_asks_for_none(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.wants_("cancel") and "cancel your" not in drafts(s).lower()


def test_a_word_named_once_as_another_thing_keeps_that_meaning(assistant):
    s = assistant.suggest("I lost my parking ticket between the car and the terminal. At the barrier I was charged the "
                          "full day although I had been there an hour. I looked everywhere for my ticket but it was gone, "
                          "and the attendant would not listen to me at all.")
    assert s.reading.topic_name != "booking" and "reference for your ticket" not in drafts(s)


def test_a_job_given_to_someone_else_is_leaving(assistant):
    s = assistant.suggest("Three missed visits in a row, so we are hiring another contractor to finish the kitchen.")
    assert "churn_risk" in s.analysis.signal_names


def test_praise_that_ends_in_leaving_is_no_thank_you(assistant):
    text = ("Your fitters are lovely people and honestly excellent at what they do, and your showroom staff were "
            "wonderful when we chose the units. But we paid the deposit in March and the worktop is still not fitted, "
            "three appointments later. So, lovely as everyone is, we will be calling someone else to finish the job.")
    s = assistant.suggest(text)
    assert s.reading.stance.name != "thanks"
    assert "sorry to lose you" in drafts(s).lower()


def test_an_update_not_posted_is_no_parcel_not_sent(assistant):
    s = assistant.suggest("The whole network has been down since 6am and you still haven't posted a single update.")
    assert _situation(s) == "outage" and "warehouse" not in drafts(s).lower()


def test_a_mast_down_is_the_mobile_signal(assistant):
    s = assistant.suggest("The cellular tower by our village has been down for four days after the storm, and we "
                          "were also without electricity for two of them. Nobody can call out.")
    assert "mobile signal" in s.reading.object and "electricity" not in drafts(s)


def test_a_line_finally_mended_is_an_outage_that_is_over(assistant):
    s = assistant.suggest("No broadband from Tuesday to Friday because your contractors cut the cable next door. "
                          "It finally got fixed on Friday evening after two no-shows.")
    assert s.reading.over and "within the hour" not in drafts(s)


@pytest.mark.parametrize("text", [
    "The fan heater you sold me sparked twice and could easily have caused a fire in my son's bedroom.",
    "The loose panel on the lift door was live; my father might have been electrocuted.",
])
def test_a_near_miss_is_a_safety_incident(assistant, text):
    s = assistant.suggest(text)
    assert _situation(s) in {"safety_incident", "product_hazard"} and s.analysis.escalate.to == "security"


def test_dying_of_embarrassment_is_no_incident(assistant):
    s = assistant.suggest("The cashier read my order out to the whole queue. I could have died of embarrassment.")
    assert _situation(s) != "safety_incident"


def test_a_fault_denied_is_no_fault(assistant):
    s = assistant.suggest("Your engineer insisted on replacing a hinge that wasn't broken, and the door now sticks.")
    assert _situation(s) != "not_working"


def test_a_fault_told_in_the_negative_still_counts(assistant):
    s = assistant.suggest("Three weeks on, you have not processed my refund, although you promised it as a priority.")
    assert _situation(s) == "refund_pending"


def test_suggestions_called_so_are_suggestions(assistant):
    s = assistant.suggest("I'd like to put forward two suggestions: open on Sunday mornings, and a loyalty card for "
                          "regulars. Please consider these suggestions.")
    assert _situation(s) == "suggestion"
    assert "complaint" not in drafts(s).lower()


def test_the_world_is_nobodys_fault_here(assistant):
    s = assistant.suggest("The economy is terrible and the country is a mess, and now your prices are up again.")
    assert "sorry about the economy" not in drafts(s).lower() and "sorry about the country" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "Wasn't it lovely how your staff sang happy birthday to my daughter? Thank you all so much, you made her year!",
    "How cool is it that your driver carried the sofa up four floors? Thank you, what a star.",
])
def test_delight_asked_as_a_question_is_praise(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and "[add the answer here]" not in drafts(s)


def test_swearing_about_a_thing_does_not_spoil_praise(assistant):
    s = assistant.suggest("My old blender shit the bed last week and your store swapped it with no receipt. Thank you "
                          "so much, the staff were wonderful and so helpful.")
    assert s.reading.stance.name == "thanks" and "upset" not in drafts(s).lower()


def test_going_legal_is_a_legal_threat(assistant):
    s = assistant.suggest("If my money isn't back in seven days I am going legal.")
    assert "threat_legal" in s.analysis.signal_names and s.analysis.escalate.to == "legal"


def test_a_membership_cancelled_in_two_words_is_a_customer_gone(assistant):
    s = assistant.suggest("Two hours in your queue again for nothing. Membership cancelled.")
    assert "churn_risk" in s.analysis.signal_names
    assert "sorry to lose you" in drafts(s).lower() and "help put it right" not in drafts(s)


def test_a_flight_cancelled_is_no_customer_gone(assistant):
    s = assistant.suggest("My flight was cancelled today with two hours' notice. Never flying with you again.")
    assert "sorry to lose you" not in drafts(s).lower()


def test_questions_reported_are_not_asked_of_us(assistant):
    s = assistant.suggest("When I booked, your call centre quizzed me on what floor I live on, whether there was "
                          "parking? a lift? On the day, the crew took one look at the stairs and drove off again with "
                          "the fridge, and nobody has told me when they will try again or what I should do now.")
    assert "[add the answer here]" not in drafts(s)


_LETTER = ("I bought my dishwasher from your Leeds branch in March and paid extra for installation. The installer left "
           "a loose hose, and the first time I ran it the kitchen flooded and the floor had to be lifted. Since then "
           "the dishwasher has been switched off and we are washing up by hand while I wait to hear from you. A dishwasher "
           "nobody can use is no use to anyone.")


def test_a_letter_names_the_thing_it_comes_back_to(assistant):
    s = assistant.suggest(_LETTER)
    assert not s.reading.understood and "trouble with your dishwasher" in drafts(s)


def test_a_thing_named_once_on_the_way_is_not_what_a_letter_is_about(assistant):
    s = assistant.suggest("Yesterday I collected my wife from arrivals. The notes I had pulled from my shirt pocket "
                          "must have taken the ticket with them, because at the barrier it was gone, and the machine "
                          "wanted the full day's fee although I had a receipt showing I arrived less than two hours "
                          "before. The attendant would not even look at the receipt.")
    assert "your shirt" not in drafts(s)


def test_a_first_warning_about_language_does_not_say_once_more(assistant):
    for text in ("You fucking useless idiots, you morons broke my TV stand. Sort it out you clowns.",
                 "You stupid incompetent morons. You idiots broke my TV stand, you absolute clowns, fix it you losers."):
        s = assistant.suggest(text)
        assert s.boundary.level == 2 and "once more" not in s.boundary.text


def test_an_outage_of_hours_gets_no_credit_for_days(assistant):
    s = assistant.suggest("Your planned maintenance cut our broadband for four hours on a Saturday afternoon, right "
                          "in the middle of my video call. Why not do it at 3am?")
    assert "days you were without" not in drafts(s)


def test_a_person_praised_to_their_face_is_named(assistant):
    s = assistant.suggest("Call centres get a bad name, but Emily, you rock. You sorted in ten minutes what took "
                          "three other people a week. Thank you!")
    assert "Emily" in drafts(s)


def test_a_place_before_you_are_is_no_person(assistant):
    s = assistant.suggest("Thank you for the new route! For my cousins out in Nevada and Utah, you are the only bus "
                          "they see all week, and they love the drivers.")
    assert "Utah" not in drafts(s) and "Nevada" not in drafts(s)


def test_the_three_thank_yous_to_a_named_person_differ(assistant):
    s = assistant.suggest("Nicole on the helpline was so helpful and patient with my mum. Thank you Nicole!")
    formal = next(r.text for r in s.replies if r.style == "formal")
    assert "Nicole" in formal and "roughly when" in formal
    assert all("roughly when" not in r.text for r in s.replies if r.style != "formal")


def test_insurance_cover_is_no_phone_coverage(assistant):
    s = assistant.suggest("Twenty years a policyholder and you have bungled my coverage and my claim. I always had "
                          "rental car coverage, and now that my car is a write-off you tell me I have none. The "
                          "adjuster will not return calls and my coverage was apparently reduced without my consent.")
    assert "phone coverage" not in drafts(s) and s.reading.topic_name != "connection"


def test_a_letter_that_swears_about_a_thing_is_no_abuse(assistant):
    s = assistant.suggest("I have been a member for eleven years and I have always liked shopping with you. Last month "
                          "my vacuum cleaner shit the bed after eight weeks, and I had thrown the receipt away. The "
                          "desk told me there was nothing they could do without it, although my membership shows the "
                          "purchase. I would like to know what my options are.")
    assert s.reading.stance.name != "abuse"


def test_praise_given_as_a_concession_is_no_thank_you(assistant):
    s = assistant.suggest("Your branch staff ignored me for twenty minutes, then told me to look it up online myself. "
                          "Nobody apologised and the manager shrugged. On a positive note, the lady at the returns desk "
                          "was lovely and very helpful. Thank you,")
    assert s.reading.stance.name != "thanks"
