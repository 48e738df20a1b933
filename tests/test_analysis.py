"""The offline analysis: every signal with positives and hard negatives (our own sentences, not
from any evaluation file), negation, intensity, Slack markup, quoted text, mixed signals,
evidence, severity, root cause, escalation, and configuration errors."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bot import SIGNALS
from bot.analysis import analyze, measure_intensity
from bot.assistant import Assistant
from bot.errors import ConfigError
from bot.plaintext import analysis_view, prepare
from bot.rules import load_rules

REPO = Path(__file__).resolve().parent.parent

# signal -> (messages that show it, messages that must not)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "complaint": ([
        "The blender I bought last week already stopped working. Really disappointed.",
        "Your app keeps logging me out and nobody has answered my ticket.",
        "Ordered a large pizza, got a small one, and it was cold.",
        "The invoice is wrong again and I'm getting tired of fixing your mistakes.",
        "Still no sign of my parcel after ten days.",
        "The engineer never showed up and I took a day off work for it.",
    ], [
        "Could you tell me what time the Leeds branch opens on Saturday?",
        "Thanks so much, the new settings page is great.",
        "How do I add a second card to my account?",
        "Please update my email address to sam@example.org.",
    ]),
    "anger": ([
        "This is absolutely RIDICULOUS. I am furious with how I've been treated!!!",
        "I'm sick and tired of your excuses.",
        "What the hell is wrong with you people? Fix it NOW.",
        "I am so angry I can barely type.",
    ], [
        "I'm not angry, just confused about the new tariff.",
        "Lovely service as always, thank you.",
        "Can you confirm my delivery date please?",
    ]),
    "abusive": ([
        "You're a useless idiot and your company is a joke.",
        "Stop wasting my time, you absolute clowns.",
        "This is fucking ridiculous.",
        "Tell that moron on the phone to call me back.",
    ], [
        "The agent was very patient with me, thanks.",
        "My order arrived damaged, can you help?",
        "I passed the class with flying colours.",
    ]),
    "threat_legal": ([
        "I'll be speaking to my solicitor about this on Monday.",
        "If this isn't refunded I will take you to small claims court.",
        "I've reported your company to Trading Standards.",
        "My bank is opening a dispute on the charge as we speak.",
        "Next step is the ombudsman.",
        "I'm considering legal action over the damage to my car.",
    ], [
        "I'm not going to sue anyone, I just want it fixed.",
        "My solicitor needs a copy of the lease for the house purchase, could you email it?",
        "Do you offer a discount for law firms?",
        "Our legal team asked for the latest terms before we renew.",
    ]),
    "threat_safety": ([
        "If your courier damages my gate again I'll break his nose.",
        "Keep ignoring me and see what happens, I know where your depot is.",
        "I'm going to come down there and smash your shop window.",
        "I don't want to be here anymore, I've been thinking about ending my life.",
        "Honestly everyone would be better off without me.",
        "Somebody is going to get hurt if your driver keeps speeding down our street.",
    ], [
        "I could murder a curry right now, are you open?",
        "This game is killer, the new levels are to die for.",
        "We're going to smash our targets this quarter with your tool.",
        "The heat nearly killed me but the room was lovely.",
    ]),
    "churn_risk": ([
        "Please cancel my subscription, I've had enough of the outages.",
        "I'm switching to another provider at the end of the month.",
        "If the price goes up again I'll take my business elsewhere.",
        "I'll never buy from you again.",
        "I've already signed up with a competitor, just send the final bill.",
        "Delete my account, I'm done with this app.",
    ], [
        "Please cancel order #4431, I ordered the wrong colour by mistake.",
        "Can I switch from the monthly to the yearly plan?",
        "I'm not going anywhere, I love the service, I just need a new charger.",
        "Please cancel the 8:15 train seat and move me to the 9:15.",
    ]),
    "public_exposure": ([
        "I'm leaving a one-star review on every site I can find.",
        "Everyone on my Facebook is going to hear about this.",
        "I've already contacted the local paper about how you treated my mum.",
        "Posting this whole conversation on Twitter so people can see.",
        "I'll be warning everyone at work to avoid your shop.",
    ], [
        "I left you a 5 star review last month, the staff were great.",
        "Saw your post on Instagram about the sale, is it still on?",
        "I follow you on Twitter and love the updates.",
    ]),
    "refund_request": ([
        "I want a full refund for this broken kettle.",
        "Please send me a replacement, the one I got is cracked.",
        "Can you credit my account for the two days without service?",
        "I expect compensation for the ruined holiday.",
        "Give me my money back.",
    ], [
        "How does your refund policy work for gift cards?",
        "Got the refund this morning, thanks for the quick help!",
        "I don't want a refund, I just want it to work.",
        "Do you sell replacement filters for the X200?",
    ]),
    "bargaining": ([
        "Can you price match the offer I found at another shop?",
        "Any chance you could waive the cancellation fee?",
        "If I buy three, can you knock 10% off?",
        "Is there any wiggle room on the price?",
        "Your competitor is £15 cheaper, can you beat that?",
    ], [
        "The discount code worked fine, thank you.",
        "The price is fine, I just need a receipt.",
        "What are your opening hours on bank holidays?",
    ]),
    "sarcasm": ([
        "Oh great, another delay. Just what I needed.",
        "Thanks for nothing.",
        "Love how your \"express\" delivery took two weeks.",
        "Brilliant, the app crashed again. Well done everyone.",
        "Wow, three hours on hold. Top notch service.",
    ], [
        "Great, that fixed it. Thanks!",
        "I love the new design, well done to the team.",
        "Perfect, exactly what I needed. Cheers!",
    ]),
    "confusion": ([
        "I'm confused about which plan includes roaming.",
        "I don't understand why my bill went up.",
        "Can someone explain the difference between standard and plus?",
        "What does \"pending authorisation\" mean on my statement?",
        "I'm a bit lost with all these options, which one should I choose?",
    ], [
        "Makes sense now, thanks for explaining.",
        "I'm perfectly clear on the terms, I just disagree with them.",
        "What time does the store open?",
    ]),
    "urgency": ([
        "I need this fixed ASAP, we go live in an hour.",
        "This is urgent: my card was blocked and I'm abroad.",
        "Please deliver it by Friday at the latest.",
        "Can someone call me back immediately?",
        "Our launch is tomorrow morning, we need access before then.",
    ], [
        "No rush at all, whenever you get a chance.",
        "I'm not in a hurry, just asking about next month's stock.",
        "Today I finally tried the new coffee machine and loved it.",
    ]),
    "repeat_contact": ([
        "This is the third time I've called about the same leak.",
        "I was told last week it would be fixed and it still isn't.",
        "I've emailed four times and nobody has replied.",
        "The same error is back again.",
        "Following up on my ticket from Monday, still nothing.",
    ], [
        "Thanks again for your help, have a good day.",
        "This is my first time contacting support.",
        "Could you say that again more slowly?",
    ]),
    "unreasonable_demand": ([
        "I demand free broadband for life after this.",
        "I want your CEO to call me personally and apologise.",
        "Fire the agent who spoke to me, today.",
        "Because my order was an hour late I expect every order free for the rest of the year.",
    ], [
        "Could I speak to a supervisor please?",
        "Can I get a copy of today's call notes?",
        "I'm happy to pay extra for next-day delivery.",
    ]),
}


@pytest.fixture(scope="module")
def analyse(assistant):
    return assistant.analyze_text


def _names(analyse, text):
    return set(analyse(text).signal_names)


@pytest.mark.parametrize("signal, text", [(s, t) for s, (pos, _) in CASES.items() for t in pos])
def test_signal_found(analyse, signal, text):
    assert signal in _names(analyse, text), f"{signal} not found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (_, neg) in CASES.items() for t in neg])
def test_signal_not_found_in_hard_negative(analyse, signal, text):
    assert signal not in _names(analyse, text), f"{signal} wrongly found in {text!r}"


def test_every_signal_has_cases():
    assert set(CASES) == set(SIGNALS)
