"""The offline analysis: every signal with positives and hard negatives (our own sentences, not
from any evaluation file), negation, intensity, Slack markup, quoted text, mixed signals,
evidence, severity, root cause, escalation, and configuration errors."""

from __future__ import annotations

import re
import shutil
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


# More of our own paraphrases, written in rounds to check that the vocabulary generalises
# beyond the sentences it was built from (see the closing report for the miss rates measured
# on each fresh round before it was folded in).
PARAPHRASES: dict[str, tuple[list[str], list[str]]] = {
    'threat_legal': (
        ["I've kept every receipt and my lawyer says I have a strong case.", "Expect a letter from my attorney.", "I'm going to the consumer ombudsman with this on Monday.", "Reverse this charge or I'll get my card company to claw it back.", "I'll see you in court.", "I've started a claim through the small claims portal.", "This is a breach of the Consumer Rights Act and I'll be taking advice.", "Visa are looking into the transaction now, I've told them I didn't authorise it.", "I've been advised by a legal professional to put my complaint in writing before I take it further.", "I've already lodged a complaint with the energy regulator.", "I will be filing a claim against your company for the damage.", "My barrister cousin says this is clearly negligence.", "Consider this a formal complaint; the next letter will come from my solicitors.", "I've started the paperwork for a county court claim.", "Fine, I'll let the ombudsman decide who's right.", "Keep this up and you'll be hearing from my legal representative.", "I've asked Mastercard to reverse the payment.", "I'm sure the FCA would be interested in this.", "I'll be raising this with the Financial Ombudsman if you don't fix it.", "You'll be getting a letter from my lawyers next week.", "I've told my credit card provider to stop the payment and dispute it.", "This is illegal and I'm going to sue.", "I have contacted Citizens Advice and they say I can take legal action.", "I'm keeping all of this as evidence for when I take you to court.", "My dad's a solicitor and he's already drafting a letter.", "I've opened a case with PayPal to get my money back.", "Trading Standards will hear about this.", "Expect legal proceedings if the deposit isn't returned.", "ok that's it, my solicitor will be in touch", "chargeback filed. enjoy.", "reported you to the ASA for misleading ads", "I'll be suing for every penny", "my lawyer has all the emails, see you in court", "I'll be taking this up with the small claims court.", "I've got a lawyer looking at the contract now.", "Amex are reversing the charge, I've told them what happened.", "This breaches the Consumer Rights Act and I'll act on it.", "Next step: the energy ombudsman."],
        ["My lawyer asked for the invoice, can you resend it?", "Is there a dispute process for marketplace sellers?", "We're a law firm looking for your enterprise plan.", "Our compliance team needs the data processing agreement.", "Is the court order form available on your site?", "My solicitor has the keys, can the engineer collect them from her office?", "Can you send me a copy of the contract for my records?", "Our accountant will need the invoices.", "Is there a court date parking restriction near your store?", "I work as a paralegal, could you send the invoice to my work address?", "Do you have a legal department I can send a contract to?", "How do I dispute a parking fine at your car park? Just asking about the process.", "Please send the signed contract to our legal team.", "Can I pay by credit card?", "The court shoes I ordered are lovely.", "can you send my contract over", "is paypal accepted?", "my lawyer asked me to pay the invoice", "Could you send a copy for my lawyer's records? Thanks.", "How do I update my card?", "Court Road branch, is it open?"],
    ),
    'threat_safety': (
        ["If I see that driver again he'll be sorry.", "One more missed delivery and I'm coming round to sort you lot out.", "I'll torch the van if it blocks my drive again.", "Honestly I feel like ending it, I can't cope with this debt anymore.", "I've been having thoughts of harming myself since the bailiffs came.", "Your manager had better watch his back.", "I'm going to punch the next person who tells me to restart my router.", "Your receptionist is lucky I didn't go over that counter.", "Send that engineer back and he leaves in an ambulance.", "I'm at the end of my rope, I just want it all to stop for good.", "I've written letters to my family in case I don't make it through this week.", "If your van blocks my drive again I'll let the tyres down and smash the mirrors.", "Send someone round again and they'll go home with a black eye.", "I'm going to throw a brick at your shop if this isn't sorted.", "Some days I think my family would be better off if I was gone.", "Tell your boss to watch out, I'm not someone to mess with.", "If anyone from your company comes near my house again I'll knock them out.", "I'm so done with life, this bill is the last straw.", "Your driver will regret the day he scratched my car.", "I just want to go to sleep and not wake up.", "Next time your rep turns up I'm setting the dog on him.", "I swear I'll put my fist through your screen if this happens again.", "There's no point carrying on, I've decided to end it tonight.", "Your staff better hope I don't see them in the car park.", "Someone's going to get seriously hurt if you keep ignoring that broken railing.", "you lot need a good slap", "i'm going to burn your store to the ground", "i feel like i can't go on anymore, nothing matters", "tell your engineer i'll be waiting for him with a crowbar", "If he parks across my gate again his van is getting smashed.", "I'm not responsible for what I do if that man comes back.", "I've been thinking about killing myself since you cut me off.", "Say that again and I'll knock your block off."],
        ["This deal is a steal, I'm dying to try it.", "The new update absolutely kills it, well done.", "I'd kill for a table at 8pm on Saturday.", "The new drill is a beast, it smashed through the wall easily.", "I'm dying of laughter at your new advert.", "That sale absolutely slayed.", "Your new game is a killer app.", "I nearly died laughing at the delivery note.", "Let's crush the competition together!", "This candle smells to die for.", "I'm going to kill it at the marathon with these shoes!", "The boss wants to shoot a promo video in store, is that ok?", "I'm dying to see the new range.", "This bargain is killing it.", "Can you send the fire safety certificate?", "this new flavour is killer", "lol this is sick", "we're gonna smash it this year", "You guys absolutely killed it with this update.", "I'm dying to get my hands on this.", "Please take down the fire alarm sign, it's wrong."],
    ),
    'churn_risk': (
        ["That's the last straw, I'm moving my accounts to a different bank.", "Find me a reason to stay, because right now I'm halfway out the door.", "I've given notice, please stop the direct debit from next month.", "We'll be taking our business to your rival.", "Not renewing next year, the service has gone downhill.", "Terminate my contract please.", "Consider this my notice, I'm leaving at the end of the contract.", "I'll be porting my number out tomorrow.", "After this I'm taking my money somewhere that appreciates it.", "I've had a better offer from BT and I'm tempted to take it.", "You've lost me as a customer.", "Please close down my account and pay out the remaining balance.", "Not sure why I'm still with you to be honest, time to look around.", "Don't bother renewing me.", "Goodbye, I'm taking my custom somewhere that values it.", "After ten years I'm cancelling everything with you.", "We've decided not to renew our contract.", "I want to leave, how do I get my PAC code?", "I'm seriously thinking about going elsewhere.", "We're migrating to another platform next quarter.", "Cancel everything, I'm finished with you.", "I've found a cheaper provider and I'm switching on Monday.", "cancel my account. now.", "bye, off to your competitors", "never using you lot again", "i'll be closing all three accounts this week", "we're pulling our business after this", "This is the final straw, I'm leaving you.", "I'll take my chances with another broadband company.", "Consider our contract terminated.", "I'm out. Cancel my plan.", "We won't be continuing with you next year."],
        ["I've been a customer for years and have no plans to leave.", "Please cancel my 3pm appointment, I'll rebook.", "Can I move my plan to my new address?", "I'm moving house next month, can you transfer my broadband?", "Can I cancel the Tuesday delivery and have it Wednesday?", "Leaving for holiday soon, can I pause my subscription?", "Can I move my appointment to Thursday?", "I'm staying with you, just want a new SIM.", "Please close the ticket, all sorted.", "I'll switch the lights off when I leave the office.", "Can I pause my membership over the summer?", "I'm leaving my bike in your car park, is that ok?", "Can I switch my delivery day?", "I'm off on holiday next week, please hold my post.", "Cancel my 10am appointment please.", "can i change plans", "cancel my order pls, wrong size", "goodbye and thanks for the help!", "Could I move to the annual plan?", "I'm leaving the keys with my neighbour.", "Cancel my delivery for tomorrow please."],
    ),
    'public_exposure': (
        ["I'll be sharing this on LinkedIn so other businesses know.", "Expect a very honest review on Trustpilot tonight.", "I've recorded the whole call and it's going online.", "Every parent at my kids' school will hear how you treated us.", "I run a parenting blog with 50k readers and they'll hear all about this.", "I'm going to make sure this goes viral.", "I've already put a post up in the local community group.", "The press would love to hear how you treat pensioners.", "Expect to see your name in my next YouTube upload.", "I'm going to tell everyone in the village what happened.", "I've written up the whole saga on Mumsnet.", "Watch this space, my review is going live tomorrow.", "A few journalists I know will be very interested.", "I'll make sure all 3,000 members of our Facebook group know.", "The local radio station is going to hear about this.", "I've put a video of the damage on TikTok and it's got 10k views.", "I'm writing a very detailed review for Google Maps.", "My MP will be hearing about how you treat customers.", "I'll be posting photos of this mess on Instagram tonight.", "I'm going to let all my followers know what you did.", "This is going straight on Facebook.", "I'll contact Watchdog and the papers.", "Everyone in the group chat is going to see these photos.", "I'm recording a video review tonight and it won't be pretty.", "screenshotting this for twitter", "this is going on my instagram story", "gonna post a review about this nightmare", "i'll make a tiktok about your 'support'", "I'll make sure everyone on Trustpilot knows.", "Going to tag you in a very public post.", "I'm contacting the local news station.", "This thread is going viral, good luck.", "My YouTube channel will cover this."],
        ["I read about your charity work in the news, lovely stuff.", "Can I share my referral code on social media?", "Do you have a Facebook page for updates?", "I found you through a review on Google, great stuff.", "Do you have a press kit for journalists?", "My blog post about your product was very positive!", "I'll leave you a glowing review!", "Saw your advert on TV, looks great.", "Can I tag you in my post about the lovely service?", "I read the reviews and decided to buy, very happy.", "Can I post a photo of my order on Instagram and tag you?", "Is your CEO on Twitter?", "I'll recommend you to all my friends!", "Found you on Facebook, do you deliver?", "The journalist in our team needs an invoice.", "love your instagram", "I'll tell all my friends how great you are", "can i tag you on twitter?", "Your tweet made me laugh.", "I'll post a good review for you!", "Is your review page on Google?"],
    ),
    'refund_request': (
        ["Please put the money back on my card.", "I'd like my deposit returned.", "Can I have a voucher to make up for this?", "Send me another one that actually works.", "I paid for next day delivery and it came in five days, I want that fee back.", "Please cancel the charge and return the £30.", "I'm owed £40 and I'd like it paid back to my card.", "Please issue a credit note for the missing items.", "I think I deserve some sort of compensation for the hassle.", "Swap it for a working one please.", "Can you refund the delivery fee at least?", "I need the £75 back in my account by Friday.", "Please refund the difference.", "I'd like something off my next bill to make up for the outage.", "Send me a new charger, this one is broken.", "Can I get my money returned?", "I expect my money back in full.", "Please reimburse the taxi fare I had to pay.", "Can you credit back the late fee?", "I want a new one sent out today.", "Give me a partial refund for the missing part.", "Refund the extra £12 you charged me.", "I want compensation for the wasted day off work.", "Could you send a replacement part free of charge?", "Please return the money you took without asking.", "I'd like a goodwill credit on my account.", "just refund me", "i want my money back asap", "can u credit my acc for the outage", "send me a new one pls", "refund the shipping, it came late", "Pay me back for the wasted tickets.", "I need a credit for the days without heating.", "Please replace the broken lamp.", "Refund my deposit or else.", "I'd like the full amount returned."],
        ["Is the refund window 14 or 30 days?", "The refund arrived, thanks.", "Can I exchange the jumper for a different size?", "How long do refunds usually take to process?", "Thanks, the credit note arrived.", "Is there a fee to exchange the size?", "Is the replacement covered by warranty?", "Thanks for the credit, much appreciated.", "What is your refund policy for sale items?", "The refund went through fine, cheers.", "Do you do replacement batteries for this model?", "Do you offer refunds on custom orders?", "Just confirming the refund arrived, thanks.", "Can I buy a replacement strap?", "when do refunds usually arrive?", "refund received, thanks", "is there a refund option for gift cards?", "How do I request a refund if I need one later?", "Can I order a spare charger?"],
    ),
    'bargaining': (
        ["Could you do it for £50 instead?", "Is there a loyalty discount you can apply for me?", "I'll sign today if you take 20% off.", "Would you consider dropping the setup fee?", "Can you do a better deal than £30 a month?", "That's too expensive, what's the lowest you can go?", "Your rival offers free installation, can you match that?", "Can I get a cheaper rate if I sign for two years?", "Would you throw in the extended warranty for free?", "Can you reduce the price since the box is damaged?", "£20 a month is too much, could you do £15?", "Would you knock the price down a bit if I take two?", "Any deals for existing customers? Otherwise I'm off.", "Match Currys' price and I'll order today.", "Can you give me a better price if I pay upfront?", "Is there any way you could lower the monthly fee?", "I'll take it if you can do free delivery.", "Your competitor quoted me less, can you match it?", "What's your best offer on the annual plan?", "Can you knock a tenner off?", "If you waive the admin fee I'll book today.", "Is there a discount if I bring my whole team?", "Another site has it for £30 less, can you match?", "Could you give me the early-bird rate even though it expired yesterday?", "any chance of a discount? its my bday", "match the amazon price and i'll buy", "can u waive the fee this once", "bit pricey, can you do better?", "throw in a case and ive got a deal", "Is there a better deal for loyal customers?", "Could you reduce the price a bit?", "Would you accept £80 for it?", "Can you price-match John Lewis?", "I'll commit to two years if you lower the monthly price."],
        ["Do students get a discount?", "The sale price was applied correctly, thanks.", "How much is the premium plan?", "How much is delivery to Ireland?", "I paid full price and I'm happy with it.", "Do you have the blue one in stock?", "What's the price of the large one?", "Is VAT included in that price?", "Thanks for the discount!", "I saw the price drop, thanks for letting me know!", "Is the price the same in store?", "How much do you charge for delivery?", "Thanks for the 10% off!", "What's the cheapest plan you have?", "Is there a fee for card payments?", "how much is it?", "got the discount, cheers", "the price is right", "The price was fine.", "How do I apply my discount code?", "Do you take PayPal?"],
    ),
    'sarcasm': (
        ["Fantastic, the update deleted all my photos. Great work.", "Oh wonderful, my train is cancelled again.", "Thank you so much for charging me twice, really appreciated.", "Yeah, because waiting six weeks for a reply is totally normal.", "Nice one, sending the parcel to the wrong city.", "Outstanding customer service as always, only took you a month to reply.", "Oh joy, another 'temporary' outage.", "Great, so now I have two broken phones instead of one.", "Love paying for a service that never works.", "Cheers for losing my parcel, really made my week.", "Oh perfect, the app logged me out mid-payment. Love it.", "Thanks for the speedy response, only five days.", "Really glad I paid extra for 'priority' support.", "Yes, I absolutely love being on hold for an hour.", "Wonderful, another bill I didn't expect.", "Oh fab, the engineer didn't turn up again.", "Great job losing my order, guys.", "I just love it when the app crashes at checkout.", "Thanks a million for cutting off my internet during my exam.", "Oh lovely, another 'system error'. Just what I wanted today.", "Well done, you've managed to lose my parcel twice.", "Superb service as always, three weeks and counting.", "Brilliant, charged for something I cancelled. Thanks so much.", "Yeah great, the 'quick fix' broke everything else.", "wow thanks for the help, really useful :roll_eyes:", "love that my order is 'out for delivery' for the 4th day", "great, another outage, love it", "oh amazing, the app deleted my notes", "fantastic job losing my bag", "Oh wonderful, my order is lost again.", "Thanks heaps for the 2-hour wait.", "Great customer care, truly, nobody answers.", "Perfect timing, the engineer left just as the boiler died."],
        ["Great news, thanks for letting me know!", "Wow, that was quick, thank you.", "Love the new update, so much faster.", "Great customer service today, thank you Sam!", "Love the new app, it's so smooth.", "Fantastic, that's all sorted then.", "Thanks for the speedy response, really helpful!", "What a fantastic idea, count me in!", "Really glad I paid extra, it was worth it.", "Wonderful, thank you for sorting that so quickly.", "Great job team, loving the update.", "Brilliant, thank you so much!", "Well done to the team, great launch.", "Superb service as always, thanks.", "wow thanks, that's really useful!", "great, thanks!", "oh amazing, thank you!", "Oh wonderful, thank you!", "Perfect timing, I just got home.", "Great customer care, thank you Jo."],
    ),
    'confusion': (
        ["I'm struggling to understand the new charges on my account.", "Not sure which option is right for me, can you help?", "The letter and the email say different things, which do I trust?", "I'm puzzled, why has my balance gone negative?", "How does the cashback actually work? I can't make head or tail of it.", "I can't work out what this charge is for.", "I'm unclear whether I'm still covered abroad.", "Your instructions make no sense to me.", "Wait, so do I pay now or after the engineer visits?", "I have no idea what I'm supposed to do next.", "I'm lost, where do I find my account number?", "So is the fee monthly or one-off? The site says both.", "Honestly I can't figure out how to turn off auto-renew.", "Does this mean my order is cancelled?", "None of this makes sense to me, help.", "I'm confused by the new pricing, can you explain?", "Which of these two plans is cheaper for me? I can't tell.", "Sorry, I don't follow, can you say it another way?", "I really don't understand what I'm paying for.", "Help me understand why there are two accounts in my name?", "I'm not clear on what happens after the trial ends.", "This form is so confusing, which box do I tick?", "Sorry, what does 'pending dispatch' actually mean?", "wait what? why is there a second charge??", "no idea how to use this thing", "im confused, is the offer still on or not", "can someone explain what a 'service credit' is", "I'm confused why my account says suspended.", "I don't get why this costs more than last month."],
        ["Thanks, that's clear now.", "I know what I need, just add the extra user.", "Where is your nearest branch?", "I know exactly what I want, the 2TB plan.", "Thanks, that explanation was really clear.", "What's the delivery fee?", "Got it, thanks!", "I know how it works, I just need the form.", "Where can I park?", "I understand, thank you.", "The instructions were perfect.", "What's your phone number?", "I understand now, thanks.", "Where do I send the form?", "All clear, I'll book it.", "ah got it now", "makes sense, thx", "what time do you open?", "That's all clear, thanks.", "I'm sure about the plan, go ahead.", "What's the address?"],
    ),
    'urgency': (
        ["Need this resolved before my flight at 6am.", "Time is running out, the offer ends at midnight.", "It's an emergency, water is pouring through my ceiling.", "Please respond within the next 30 minutes.", "We need the replacement part today or the shop stays closed.", "We're losing customers every hour this is down.", "Please sort this out today, it can't wait.", "Need an answer by close of play today.", "This can't wait until Monday.", "Please fix this before 5pm, I have guests arriving.", "I need a reply in the next few minutes, the shop closes soon.", "It's really urgent, the baby's milk is in the missing order.", "Respond today or I'm escalating.", "I need the visa letter by Wednesday morning at the latest.", "I need this sorted straight away please.", "My flight is tomorrow morning and I still have no ticket.", "Please hurry, my phone is the only way I can reach my doctor.", "Reply ASAP, this is costing me money every minute.", "This needs fixing within the hour.", "I need the refund before my rent is due on Friday.", "Urgent please, the event starts at 7.", "Can you do it right this minute?", "Time-critical: our server has been down since 9am.", "need this done asap pls", "urgent!! card blocked", "please fix before 3pm today", "I need it by tomorrow morning", "can someone call me right now", "This needs sorting today please.", "Please act immediately, our shop can't take payments.", "ASAP please, my visa appointment is tomorrow.", "It's urgent that someone calls me back.", "Deadline is noon, please hurry."],
        ["No hurry, next week is fine.", "Whenever suits you, I'm flexible.", "I tried the app today and it works well.", "Can you look at this sometime next week?", "There's no deadline, I'm just curious.", "I'll be home today if the courier wants to come.", "Could you reply when you get a moment?", "Take your time, I'm not going anywhere.", "Is it urgent to renew before the end of the year, or can it wait?", "No urgency, just curious.", "Whenever is convenient for you.", "I'm happy to wait until next week.", "Whenever you can, no pressure.", "Reply next week is fine.", "I'm in no hurry at all.", "no rush", "anytime this week is fine", "not urgent", "No need to hurry.", "Next month is fine.", "Whenever is good for you."],
    ),
    'repeat_contact': (
        ["I raised this back in March and I'm still chasing it.", "Yet another call to your helpline and still no fix.", "This is my fourth message this week.", "Nobody got back to me after my last three emails.", "I keep getting passed from one department to another.", "I'm on my fifth call to you about this.", "Same thing happened last month and the month before.", "You've closed my ticket twice without fixing anything.", "I have chased this repeatedly since January.", "Again, for the record, the meter is broken.", "I've already explained this twice to your colleague.", "Why do I have to keep chasing you?", "Back again about the same broken boiler.", "Your team promised a callback three times and nothing.", "This is happening every single week now.", "I've rung you three times this week.", "This is my second complaint about the same thing.", "I'm still waiting on the callback I was promised yesterday.", "Not again! The same fault as last month.", "I have been going back and forth with your team for weeks.", "I've reported this fault four times already.", "How many more times do I need to call?", "Your colleague said last week this would be sorted.", "Still broken after the third engineer visit.", "Once more, I'm asking about the missing refund.", "called 3 times already", "this is the 2nd time this month", "still waiting, again", "i already sent you the photos twice", "same problem as last week", "This is my third email on this.", "I've been chasing this for a month.", "You promised this last time too.", "Same issue keeps coming back.", "Again no reply to my messages."],
        ["First time ordering, super excited!", "Thanks again, you've been great.", "Can you send it again to my new email?", "Hello, first time getting in touch.", "I'd like to order the same again please.", "Happy to help again if you need more info.", "First order with you and it's perfect.", "I'll call back tomorrow if that's easier.", "Could you resend the link please?", "This is my first complaint ever, so please bear with me.", "Can I order again with the same address?", "Thanks again!", "First time writing in.", "Please send it again to my work email.", "Thanks again for the help!", "first time here", "thanks again", "can you resend that?", "First email to you.", "I'll reply again tomorrow with the details.", "Thanks again for your patience."],
    ),
    'unreasonable_demand': (
        ["I want a lifetime supply of coffee for the inconvenience.", "Refund every order I've placed in the last five years.", "I want your whole customer service team retrained by next week.", "Give me the premium package free forever.", "I want a personal apology from the chairman, in person, at my house.", "I want compensation of ten thousand pounds for the stress.", "I expect your engineer on site within 20 minutes, day or night.", "Name the employee responsible and make them apologise publicly.", "I want free first-class travel on every train for the next decade.", "I want the whole street's broadband fixed by tonight, for free.", "Give me a year's subscription free or I'll leave.", "I expect a personal call from the owner every day until it's fixed.", "I want you to pay for my new car because the app crashed.", "Compensate every guest at my party, all 40 of them, in cash.", "I want every penny back plus a free year of service.", "You must give me free delivery forever.", "I insist your CEO rings me tonight.", "Make sure the driver is sacked by Friday.", "I want all my future orders free of charge.", "I expect free shipping on every order for life.", "I want the whole product line recalled today.", "Pay for my hotel, flights and meals for the week or else.", "I demand to speak to the CEO right now.", "Give me a full refund and let me keep the item and a voucher for £500.", "I want free internet for a year for this", "give me a refund AND keep sending the box for free", "I want the manager fired", "I want a personal visit from the CEO", "refund every bill since 2010", "I want lifetime free upgrades for this.", "Get your boss to come round and apologise in person tonight.", "I demand a year of free service and a personal letter from the CEO.", "Refund me ten times what I paid.", "I expect the whole team to be disciplined."],
        ["Could I have the manager's email address?", "Can you let me know when it ships?", "I'd like a callback tomorrow if possible.", "Could I get a callback from a manager?", "Please send the invoice in PDF.", "I'd like to know when my engineer is coming.", "Could you send a technician next week?", "I'd like a copy of my bill.", "Can the manager call me back please?", "Could you send me the free sample you advertised?", "Can I get free delivery with the voucher?", "Please ask the driver to knock loudly.", "Can I speak to a manager about my order?", "Please send a technician when one is free.", "I'd like the refund to my original card.", "can i speak to someone senior?", "could you send a free sample?", "i'd like a callback", "Could the manager email me?", "Can I get free delivery on orders over £50?", "I'd like a receipt."],
    ),
}



@pytest.mark.parametrize("signal, text", [(s, t) for s, (pos, _) in PARAPHRASES.items() for t in pos])
def test_paraphrase_found(analyse, signal, text):
    assert signal in _names(analyse, text), f"{signal} not found in {text!r}"


@pytest.mark.parametrize("signal, text", [(s, t) for s, (_, neg) in PARAPHRASES.items() for t in neg])
def test_paraphrase_hard_negative(analyse, signal, text):
    assert signal not in _names(analyse, text), f"{signal} wrongly found in {text!r}"


# --- evidence ---------------------------------------------------------------------

ALL_POSITIVES = [t for pos, _ in CASES.values() for t in pos]


@pytest.mark.parametrize("text", ALL_POSITIVES)
def test_every_hit_carries_evidence_that_points_at_the_words(assistant, text):
    prepared = prepare(text)
    analysis = analyze(prepared, assistant.rules)
    assert analysis.signals
    for hit in analysis.signals:
        assert hit.evidence, f"{hit.name} fired without evidence"
        assert hit.score >= assistant.rules.signal(hit.name).threshold
        for e in hit.evidence:
            assert e.text.strip() and e.cue
            if e.start >= 0:
                assert prepared.own_words[e.start:e.start + len(e.text)] == e.text


def test_sentiment_words_are_evidence_with_their_valence(analyse):
    hit = analyse("The service was awful and the staff were horrible.").hit("anger") or \
        analyse("The service was awful and the staff were horrible.").hit("complaint")
    valence = [e for e in hit.evidence if "word (" in e.cue]
    assert valence and any("awful" == e.text.lower() for e in valence)
    assert all(re.search(r"\(-\d", e.cue) for e in valence)


def test_combination_evidence_names_both_halves(analyse):
    hit = analyse("Thanks for ignoring all my emails.").hit("sarcasm")
    assert hit is not None
    assert any("with" in e.cue and "ignoring" in e.cue for e in hit.evidence)


# --- negation ---------------------------------------------------------------------

def test_not_angry_just_confused(analyse):
    a = analyse("I'm not angry, just confused about why my bill doubled.")
    assert "confusion" in a.signal_names and "anger" not in a.signal_names
    assert any(e.text.lower() == "angry" for e in a.suppressed)


def test_not_going_to_sue(analyse):
    a = analyse("I'm not going to sue anyone, I'd just like the dent in my car repaired.")
    assert "threat_legal" not in a.signal_names
    assert any(e.text.lower() == "sue" for e in a.suppressed)


def test_negation_stops_at_the_clause(analyse):
    assert "anger" in analyse("It's not the delay, I'm furious about the rudeness.").signal_names


def test_a_condition_is_not_a_negation(analyse):
    names = analyse("If I don't get a refund by Friday I'll dispute the charge with my bank.").signal_names
    assert {"refund_request", "threat_legal", "urgency"} <= set(names)


def test_intensifier_with_a_negator_still_counts(analyse):
    assert "complaint" in analyse("Your support couldn't be more useless.").signal_names


# --- intensity ---------------------------------------------------------------------

def test_intensity_from_capitals_punctuation_and_stretching():
    calm, _ = measure_intensity("My order is late.")
    loud, evidence = measure_intensity("My order is LATE AGAIN!!! Sooooo fed up")
    assert calm == 0 and loud >= 0.5
    assert {e.cue for e in evidence} == {"capitals", "repeated punctuation", "stretched word"}


def test_acronyms_are_not_shouting():
    assert measure_intensity("Can you send the PDF invoice by SMS or to my VPN email?")[0] == 0


def test_intensity_feeds_anger_and_severity(analyse):
    calm = analyse("The engineer did not come and I am annoyed.")
    loud = analyse("The engineer did NOT COME and I am ANNOYED!!!")
    assert loud.hit("anger").score > calm.hit("anger").score
    assert ("low", "medium", "high", "critical").index(loud.severity) >= ("low", "medium", "high", "critical").index(calm.severity)
    assert any(e.cue == "capitals" for e in loud.hit("anger").evidence)


# --- how messages are read: Slack markup, tweets, quotes, code -----------------------

def test_slack_markup_is_read_as_people_see_it(analyse):
    a = analyse("<@U04ABCD12> order <https://shop.example.com/refund-policy|#5521> still hasn't arrived :rage:")
    assert "refund_request" not in a.signal_names  # the URL's words are not the customer's
    assert {"complaint", "anger"} <= set(a.signal_names)
    assert any(e.text == ":rage:" for e in a.hit("anger").evidence)


def test_handles_links_and_user_names_trigger_nothing(analyse):
    for text in ("@Sue can you check my order status?", "<@U123|sue> can you check my order status?",
                 "Ask @DICKS_help or see https://example.com/sue-the-lawyer-refund for details",
                 "RT @angry_idiot: where can I buy the blue one?"):
        assert not analyse(text).signal_names, text


def test_tweet_entities_and_hashtags(analyse):
    a = analyse("RT @bob: waited 3 hours &amp; no one came #fail #NeverAgain")
    assert "complaint" in a.signal_names and "churn_risk" in a.signal_names


def test_quoted_agent_text_is_not_analysed(analyse):
    a = analyse("> If you take legal action we will need your case number.\nThanks, no need, it's sorted now!")
    assert "threat_legal" not in a.signal_names
    assert any("Quoted" in n for n in a.notes)


def test_code_blocks_are_not_analysed(analyse):
    a = analyse("The app shows this:\n```\nFATAL: kill process 42, lawsuit.dll not found\n```\nwhat does it mean?")
    assert "threat_safety" not in a.signal_names and "threat_legal" not in a.signal_names
    assert any("Code" in n for n in a.notes)


def test_view_keeps_positions_of_the_original():
    text = "RT @x: sooooo #NotWorthIt http://t.co/abc really"
    view = analysis_view(text)
    assert "Not Worth It" in view.text and "@x" not in view.text and "http" not in view.text
    start = view.text.index("Worth")
    assert view.source_text(start, start + 5) == "Worth"
    s = view.text.index("so ")
    assert view.source_text(s, s + 2).lower().startswith("s")


# --- mixed signals -------------------------------------------------------------------

def test_mixed_signals(analyse):
    a = analyse("This is the THIRD time my broadband has died this week!!! Refund me today or I'm "
                "switching to a competitor and telling everyone on Twitter.")
    assert {"complaint", "anger", "repeat_contact", "refund_request", "urgency", "churn_risk",
            "public_exposure"} <= set(a.signal_names)
    assert "threat_legal" not in a.signal_names and "abusive" not in a.signal_names


# --- severity, root cause, escalation ---------------------------------------------------

@pytest.mark.parametrize("text, severity, to", [
    ("Hi, can I change my delivery address?", "low", "none"),
    ("My parcel arrived late and the box was damaged.", "low", "none"),
    ("I'll see you in court over this broken washing machine.", "high", "legal"),
    ("If your driver blocks my drive again I'll smash his windscreen.", "critical", "security"),
    ("You useless idiots, I've called FIVE times and nobody has fixed my internet!!!", "critical", "lead"),
])
def test_severity_and_escalation(analyse, text, severity, to):
    a = analyse(text)
    assert a.severity == severity, (a.severity, a.signal_names)
    assert a.escalate.to == to and a.escalate.recommended == (to != "none")


def test_self_harm_goes_to_a_lead_with_care_not_to_security(analyse):
    a = analyse("I can't pay this and honestly everyone would be better off without me.")
    assert "threat_safety" in a.signal_names
    assert a.escalate.to == "lead" and "self-harm" in a.escalate.reason


@pytest.mark.parametrize("text, cause", [
    ("The courier left my parcel in the rain and the tracking says delivered.", "delivery"),
    ("You charged my card twice for the same invoice.", "billing"),
    ("The kettle is faulty, it stopped working after a day.", "product_defect"),
    ("I was on hold for an hour and the agent hung up on me.", "service_failure"),
    ("I was told on the phone that the upgrade was free, now you say it isn't.", "miscommunication"),
    ("The jacket is nothing like the photos, it was advertised as waterproof.", "expectations"),
    ("Your returns policy won't let me send back a sealed item after 14 days.", "policy"),
    ("Hello, I have a question.", "other"),
])
def test_root_cause(analyse, text, cause):
    a = analyse(text)
    assert a.root_cause == cause
    if cause != "other":
        assert a.root_cause_evidence


# --- configuration without code, and its errors -------------------------------------

def test_a_team_can_add_a_cue_in_config(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    for name in ("analysis.toml", "sentiment.toml"):
        (config / name).write_text((REPO / "config" / name).read_text())
    path = config / "analysis.toml"
    text = path.read_text().replace("[signals.churn_risk.cues]\n", '[signals.churn_risk.cues]\n"porting out to" = 1.0\n', 1)
    path.write_text(text)
    rules = load_rules(path)
    a = analyze(prepare("I'm porting out to a cheaper network."), rules)
    assert any(e.cue == "porting out to" for e in a.hit("churn_risk").evidence)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    for name in ("analysis.toml", "sentiment.toml"):
        (config / name).write_text((REPO / "config" / name).read_text())
    path = config / "analysis.toml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize("old, new, key", [
    ('"fed up" = ', '"fed (up" = ', None),  # phrase cues are literal: brackets are fine
    ("[signals.complaint.patterns]\n", "[signals.complaint.patterns]\n'(unclosed' = 1.0\n", "signals.complaint.patterns.(unclosed"),
    ("[signals.bargaining]\n", "[signals.haggling]\nthreshold = 1.0\n\n[signals.bargaining]\n", "signals.haggling"),
    ('"furious" = ', '"furious" = "very" #', "signals.anger.cues.furious"),
    ("[signals.urgency]\n# Explicit time pressure: ASAP, urgent, today, a near deadline. \"No rush\" is the opposite.\nthreshold = 1.0\n",
     "[signals.urgency]\n", "signals.urgency.threshold"),
    ("[signals.sarcasm]\n", "[signals.sarcasm]\nsarcasm_level = 3\n", "signals.sarcasm.sarcasm_level"),
    ('\nscope = "sentence"', '\nscope = "paragraph"', "combos[0].scope"),
    ('lexicon = "sentiment.toml"', 'lexicon = "missing.toml"', "sentiment.lexicon"),
    ("window = 3", "window = 0", "negation.window"),
    ('from_signals = { complaint = 0.4 }', 'from_signals = { complain = 0.4 }', "from_signals.complain"),
    ('security = ["threat_safety"]', 'security = ["violence"]', "escalation.security"),
])
def test_malformed_config_names_file_and_key(tmp_path, old, new, key):
    path = _broken(tmp_path, old, new)
    if key is None:
        load_rules(path)
        return
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    message = str(info.value)
    assert str(path) in message and key in message, message


def test_malformed_lexicon_names_its_file(tmp_path):
    path = _broken(tmp_path, "window = 3", "window = 3")
    lexicon = path.parent / "sentiment.toml"
    lexicon.write_text(lexicon.read_text().replace("abandon = ", "abandon = \"bad\" #", 1))
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert "sentiment.toml" in str(info.value) and "words.abandon" in str(info.value)


def test_assistant_refuses_a_broken_config(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO / "config", config)
    path = config / "analysis.toml"
    path.write_text(path.read_text().replace("threshold = 1.00", "threshold = -1", 1))
    with pytest.raises(ConfigError, match="analysis.toml.*threshold"):
        Assistant.load(environ={"COMPOSURE_CONFIG": str(config)}, dotenv_path=None)


# --- speed --------------------------------------------------------------------------

def test_analysis_is_fast(assistant):
    texts = ALL_POSITIVES + [t for _, neg in CASES.values() for t in neg]
    for t in texts[:5]:
        assistant.analyze_text(t)  # warm up
    started = time.perf_counter()
    for t in texts:
        assistant.analyze_text(t)
    average_ms = (time.perf_counter() - started) * 1000 / len(texts)
    assert average_ms < 10, average_ms
    long = (" ".join(texts) + " ") * 20
    started = time.perf_counter()
    analysis = assistant.analyze_text(long[:25_000])
    assert (time.perf_counter() - started) * 1000 < 250  # 100 ms is the budget; slack for slow CI
    assert any("characters" in n for n in analysis.notes)
