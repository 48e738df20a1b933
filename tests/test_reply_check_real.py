"""Check my reply on real business wording (sentences from tests/data/reply_check_real_dev.jsonl):
each family of blame, defensive tone and abuse said back is found with the agent's own words,
the look-alikes that are fine are not, and the learned part quotes the sentence that carried it."""

from __future__ import annotations

import pytest

from bot.reply_check import ReplyChecker, load_checker
from conftest import REPO, run_cli
from bot.reply_model import KindModel, ReplyModel, default_reply_model


@pytest.fixture(scope="module")
def checker(assistant):
    return load_checker(assistant.settings, assistant.playbook, assistant.rules)


@pytest.mark.parametrize("kind, draft, quote", [
    ("blames_customer", "Due to your clenching and grinding habit, this is not the first molar tooth you have lost.",
     "Due to your clenching and grinding habit"),
    ("blames_customer", "The end-user is responsible for purchasing the proper licence depending on the product to use.",
     "The end-user is responsible for purchasing the proper licence depending"),
    ("blames_customer", "It was the client not reading and following the instructions correctly.", "was the client not reading"),
    ("blames_customer", "I really wish you would have approached me and we could have spoken in person.",
     "wish you would have approached me"),
    ("blames_customer", "You prepaid in full. Had you not shown up, you would have forfeited your payment also.", "Had you not shown up"),
    ("blames_customer", "You're using an old version. Update please.", "You're using an old version"),
    ("blames_customer", "Nil points for civility and hygiene on the guests part", "civility and hygiene on the guests part"),
    ("defensive_tone", "You claim to be foodies.", "You claim to be foodies"),
    ("defensive_tone", "I realize you felt as though everybody was enjoying it, yet that was not the case.", "that was not the case"),
    ("defensive_tone", "That's less than 2 working days.", "That's less than 2 working days"),
    ("defensive_tone", "Our pricing is a reflection of our talent. Best find yourself another local!", "Best find yourself another local"),
    ("defensive_tone", 'We were expecting your "mixed" review.', 'We were expecting your "mixed" review'),
    ("defensive_tone", "I was so so so sorry that our ice maker and fridge were not working.", "so so so sorry"),
    ("defensive_tone", "Please refer to the FAQs and avoid opening issues.", "avoid opening issues"),
    # what the customer must have missed, did not say at the time, or chose to do instead (reply_check_real_dev3/4)
    ("blames_customer", "Hi, You must have missed the update I posted in the community forum.", "You must have missed"),
    ("blames_customer", "You probably didn't follow the instructions sent to the mail used for the purchase.",
     "You probably didn't follow"),
    ("blames_customer", "We did not expect a poor review from you as you did not complain at the time.", "you did not complain"),
    ("blames_customer", "I am sorry that you declined and chose to complain in a public forum.",
     "you declined and chose to complain"),
    ("blames_customer", "You could have left at that point, but instead you stayed.", "You could have left"),
    # closing the door, answering the audience, incredulity (reply_check_real_dev3/4)
    ("defensive_tone", "Do not come back to either of my restaurants ever again.", "Do not come back"),
    ("defensive_tone", "Ok in that case you're blocked from using our site or software at all!!!", "you're blocked"),
    ("defensive_tone", "For the benefit of those reading this review, below is a factual account of what occurred.",
     "For the benefit of those"),
    ("defensive_tone", "Pardon me? This has to be a joke right?", "This has to be a joke"),
    ("defensive_tone", "I care not whether this offends you.", "I care not"),
    ("echoes_abuse", "@jasonroe nasty & vindictive of you! We have a complaints procedure you can follow.", "nasty & vindictive of you"),
    ("echoes_abuse", "Thanks for your money, sucker.", "sucker"),
    ("echoes_abuse", "You and your self entitled friends were performing.", "your self entitled friends"),
    ("echoes_abuse", "Your IP address and details will be forwarded to security and the FBI.",
     "Your IP address and details will be forwarded to security and the FBI"),
])
def test_real_wording_is_found_with_the_agents_words(checker, kind, draft, quote):
    review = checker.check(draft)
    assert quote in [f.quote for f in review.findings if f.kind == kind], review.findings
    assert checker.check(review.rewrite).ok, review.rewrite


@pytest.mark.parametrize("draft, kind", [
    ("Again, we are sorry for the disruption of your plans. Your next trip will be smoother.", "defensive_tone"),
    ("Once again, sorry for the inconvenience. I'll personally make sure it gets resolved.", "defensive_tone"),
    ("This amount is made up of $5.75 which reflects the relevant fees. We've enclosed a cheque.", "defensive_tone"),
    ("You should have received an email from the team this morning. We'll update everyone once solved.", "blames_customer"),
    ("If you haven't contacted your bank yet, please do, and I'll send you the letter today.", "blames_customer"),
    ("You are entitled to a full refund, and I'll send it today.", "echoes_abuse"),
    ("You may have missed our email, so I've sent it again just now.", "blames_customer"),
    ("Please do not return the parcel until you receive the prepaid label; I'll email it today.", "defensive_tone"),
    ("We'd love to see you come back soon, and I'll make sure your table is ready.", "defensive_tone"),
    ("Sorry for all of this, and thank you for setting it out so clearly. I'll update you tomorrow.", "defensive_tone"),
    ("I'm sorry about the mix-up between what you were told and what happened. I'll find the record today.", "blames_customer"),
])
def test_look_alikes_that_are_fine_are_not_found(checker, draft, kind):
    assert kind not in checker.check(draft).kinds


@pytest.mark.parametrize("draft, acknowledged", [
    ("Just sent you an email. I didn't receive any of your emails. :( But one is on its way to you!", True),
    ("Pardon for the delay, but the charge is removed and your subscription cancelled.", True),
    ("I'm sorry you feel that way, but the order was delivered according to the tracking.", True),
    ("Thanks for your money, sucker. Long may the line continue.", False),
])
def test_what_counts_as_acknowledging_the_customer(checker, draft, acknowledged):
    assert ("no_acknowledgement" not in checker.check(draft).kinds) == acknowledged


def test_the_shipped_learned_part_carries_its_cross_validation():
    model = default_reply_model()
    assert model is not None
    assert set(model.kinds) == {"blames_customer", "defensive_tone", "echoes_abuse"}
    for kind, report in model.meta["cv"].items():
        assert report["mode"] == model.kinds[kind].mode
        assert {"rules", "model", "either"} <= set(report["dev"]) and {"rules", "either"} <= set(report["real"])


def test_a_learned_finding_quotes_the_sentence_that_carried_it(checker, assistant):
    sarcastic = KindModel({"w:sad": 4.0, "d:you_question": 2.0}, -1.0, 0.5, "either")
    model = ReplyModel({}, {"defensive_tone": sarcastic})
    learned = ReplyChecker(checker.content, assistant.settings, assistant.rules, model=model)
    draft = "Thanks for the review. One star because you are sad? We hope to see you again."
    review = learned.check(draft)
    found = [f for f in review.findings if f.kind == "defensive_tone"]
    assert [f.quote for f in found] == ["One star because you are sad?"]
    assert "learned from real replies" in found[0].why and found[0].source in assistant.playbook
    assert "sad" not in review.rewrite and learned.check(review.rewrite).ok, review.rewrite
    assert "defensive_tone" not in ReplyChecker(checker.content, assistant.settings, assistant.rules, model=None).check(draft).kinds


def test_eval_on_reply_rows_reports_the_learned_part():
    result = run_cli("eval", str(REPO / "tests/data/reply_check_real_dev.jsonl"))
    assert result.returncode == 0, result.stderr
    assert "learned part, nested 5-fold on the dev rows" in result.stdout
    assert all(kind in result.stdout.split("learned part")[1] for kind in ("blames_customer", "defensive_tone", "echoes_abuse"))


def test_the_learned_part_is_kept_unless_its_precision_is_clearly_below_the_floor():
    """Within one standard error of the floor is not clearly below it: noise of a few points on 180 findings no
    longer switches the learned part on and off."""
    from bot.reply_training import clearly_below

    assert not clearly_below(0.77, 180, 0.8)     # standard error 0.031
    assert clearly_below(0.70, 180, 0.8)
    assert clearly_below(0.77, 2000, 0.8)        # the same precision, measured on many more findings
    assert not clearly_below(0.85, 50, 0.8)
    assert not clearly_below(0.0, 0, 0.8)       # no findings: the error is 1, never clearly below
