"""What reviewers of rounds 28-30 (60 real messages, tests/data/real_messages_21..23) found, read generally."""

from __future__ import annotations

import pytest
from draft_defects import drafts

from bot.complained_of import complained_of


def test_a_past_perfect_id_is_no_menace(assistant):
    """Round 28: "I'd ever seen" beside a rear-end collision the customer reported made a loyal customer's letter a
    threat, with a level-3 boundary ("I'm going to end our conversation here") and no abusive word in it."""
    s = assistant.suggest("One of them involved me being rear-ended by another driver, and your adjusters made that "
                          "the easiest claim situation I'd ever seen. This time you let me down.")
    assert s.reading.stance.name != "threat"
    assert s.boundary is None


def test_a_threat_of_harm_still_gets_the_boundary(assistant):
    s = assistant.suggest("If my car isn't fixed by Friday I'd come down there and smash the place up.")
    assert s.boundary is not None


@pytest.mark.parametrize("text", [
    "I know my actions were wrong and I am sorry for the post.",   # round 30: "I'm sorry your actions were wrong"
    "My behaviour was bad that night, and I apologise.",
])
def test_their_own_conduct_is_not_a_thing_we_say_was_wrong(assistant, text):
    assert complained_of(text, assistant.composer.vocab.complaints) == ""


@pytest.mark.parametrize("text, recurs", [
    ("I will never ride Greyhound again. The driver was rude and the bus was two hours late.", False),
    ("I've had to glue my headphones back together 3 times now, the hinge snaps.", True),
    ("The app crashes every time I open my statement. Please fix it.", True),
])
def test_one_again_is_no_recurrence(assistant, text, recurs):
    """Rounds 29-30: a lone "again" ("never ride ... again", "once again I salute you") gave "I'm sorry this keeps
    happening" for a one-off trip, and "still going on" took its place when it was removed: now neither."""
    text_out = drafts(assistant.suggest(text))
    assert ("keeps happening" in text_out) is recurs
    assert "still going on" not in text_out


def test_praise_for_a_stranger_does_not_make_an_injury_report_a_thank_you(assistant):
    """Round 29: train doors closed on a mother boarding with three children ("My son's arm and my legs were
    injured"); "a very kind member of the public helped me" got "What a lovely message to receive"."""
    from draft_defects import real_messages
    s = assistant.suggest(real_messages()["web-y-16"])
    assert s.reading.stance.name != "thanks"
    assert s.reading.situation is not None and s.reading.situation.name == "safety_incident"
    assert "lovely message" not in drafts(s)


@pytest.mark.parametrize("text, incident", [
    ("My daughter's hand was caught in the door and it hurt.", True),
    ("The doors closed on my pushchair as I was getting off.", True),
    ("My driver seat back is broken after a year.", False),      # a seat's back is no body part
    ("Thank you to the staff, who were very kind to my mum.", False),
])
def test_a_body_part_hurt_or_doors_closing_on_someone_is_an_incident(assistant, text, incident):
    s = assistant.suggest(text)
    assert (s.reading.situation is not None and s.reading.situation.name == "safety_incident") is incident


@pytest.mark.parametrize("text, situation", [
    ("@BankHelp your app (on payday for most) is not letting people pay bills, how long until it's back up and running",
     "outage"),                                                               # round 30: "[say what you will do]"
    ("When will the website be back online? I need to renew today.", "outage"),
    ("Hey @FoodApp the driver stole my food and ate half of it", "staff_conduct"),   # round 28: "good to hear from you"
])
def test_a_service_many_cannot_use_and_a_theft_by_one_of_ours_are_read(assistant, text, situation):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == situation


@pytest.mark.parametrize("text, amount", [
    ("you just took me 300chf because I gave back the car on the Swiss side", "300chf"),   # round 28 (Hertz, Geneva)
    ("I paid Rs. 4,500 for the plan and it never worked", "Rs. 4,500"),
    ("a CHF 45.50 fee for a paper bill", "CHF 45.50"),
    ("my ₹999 plan was charged twice", "₹999"),
])
def test_amounts_in_other_currencies_are_quoted_exactly(text, amount):
    from bot.facts import quoted_facts
    assert amount in [f.text for f in quoted_facts(text) if f.kind == "amount"]


def test_a_serial_port_is_no_amount():
    from bot.facts import quoted_facts
    assert not [f for f in quoted_facts("the rs232 port stopped working") if f.kind == "amount"]


@pytest.mark.parametrize("key", ["web-x-08", "web-z-07", "web-z-12"])
def test_a_customer_who_apologises_is_thanked_not_apologised_to(assistant, key):
    """Rounds 28 and 30: a writer asking forgiveness for a Facebook post, a remorseful letter, a child paying £2 for a
    broken bauble got "I am sorry for the difficulty you describe", "put this right" and a technical team."""
    from draft_defects import real_messages
    s = assistant.suggest(real_messages()[key])
    text = drafts(s).lower()
    assert s.reading.apology and "for your apology" in text
    assert "sorry" not in text and "put this right" not in text and "technical team" not in text


@pytest.mark.parametrize("text", [
    "Sorry for the long email, but my order still hasn't arrived and I want a refund.",
    "I'm sorry to say your service has gone downhill. The app crashes every time.",
    "I'm sorry I shouted at your agent, but I still want my money back for the broken heater.",
])
def test_sorry_on_the_way_to_a_complaint_is_no_apology_letter(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.apology and s.reading.stance.name != "thanks"


@pytest.mark.parametrize("key", ["web-aa-14", "web-h-44"])
def test_thanks_that_tell_of_a_death_get_condolences_not_glad_it_worked_out(assistant, key):
    """Round 31: a widower thanking ward 33 for his dying wife's care got "I'm really glad things worked out"."""
    from draft_defects import real_messages
    s = assistant.suggest(real_messages()[key])
    text = drafts(s)
    assert s.reading.bereaved and ("sorry for your loss" in text.lower() or "condolences" in text.lower())
    assert "worked out" not in text


def test_a_complaint_that_tells_of_a_death_opens_with_condolences(assistant):
    from draft_defects import real_messages
    s = assistant.suggest(real_messages()["web-u-15"])  # "My father died last December" (his ashes, sent by FedEx)
    assert s.replies[0].text.split("\n\n")[1].startswith("I'm so sorry for your loss")


@pytest.mark.parametrize("text", [
    "My phone died on the second day and the battery never held a charge.",
    "I lost my son in the crowd at the store for ten minutes and nobody helped.",
    "The plant I bought died within a week.",
])
def test_a_device_or_a_plant_that_died_is_no_bereavement(assistant, text):
    assert not assistant.suggest(text).reading.bereaved


@pytest.mark.parametrize("text, legal", [
    ("I even opted out of the class action letter that came around because I didn't want to be part of a group that "
     "hated on Netflix.", False),                                     # round 31: sent to the disputes team
    ("We will be joining the class action against you.", True),
    ("I opted out of the class action but I will sue you myself.", True),
])
def test_staying_out_of_a_lawsuit_is_no_legal_threat(assistant, text, legal):
    assert ("threat_legal" in assistant.suggest(text).analysis.signal_names) is legal


@pytest.mark.parametrize("text, lead", [
    ("Netflix how dare you create this idiotic rule that is only beneficial to the nuclear family", False),  # round 31
    ("natwest buck your f***ing ideas up!", False),
    ("you idiots cancelled my order again", True),
])
def test_an_insult_that_describes_a_thing_is_not_aimed_at_the_agent(assistant, text, lead):
    """An insult aimed at a rule or a policy is criticism of it: no lead takes the case over for it."""
    assert (assistant.suggest(text).analysis.escalate.to == "lead") is lead
