"""What of a pasted message is the customer's own words: a letter's heading is not a quoted thread."""

from __future__ import annotations

from bot.plaintext import prepare


def test_a_letter_heading_is_not_a_quoted_thread():
    p = prepare("To: American Airlines\nFrom: Me\n\nRe: Your business\n\nI'm totally bewildered. I hate you American "
                "Airlines. You will be paying for my car service.")
    assert "You will be paying for my car service." in p.own_words and not p.dropped_quote
    assert "From: Me" not in p.own_words and "Your business" in p.own_words  # the subject is theirs


def test_an_older_message_quoted_below_a_reply_is_still_left_out():
    p = prepare("Still waiting for an answer to this.\n\nFrom: Acme Support\nSent: Monday\nWe'll get back to you.")
    assert p.own_words == "Still waiting for an answer to this." and p.dropped_quote


def test_a_subject_line_is_read_as_the_customers_summary():
    assert prepare("Subject: Refund for order 1234\n\nHello, where is it?").own_words.startswith("Refund for order 1234")
