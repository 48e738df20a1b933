"""PII redaction before text leaves the process, and restoring it in the model's drafts."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from conftest import REPO

from bot.privacy import (
    Redacted,
    compile_patterns,
    iban_valid,
    luhn_valid,
    redact,
    restore,
)

CONFIG = {
    "order": r"\b(?:order|ord)\s*#?\s*(\d{5,})\b",
    "account": r"\bACC-\d{6}\b",
}


def only(text: str, **kw) -> dict[str, str]:
    """The mapping redact() produced; asserts the round trip on the way."""
    result = redact(text, **kw)
    assert result.restore(result.text) == text
    return result.mapping


# ------------------------------------------------------------------------------------------ e-mail

@pytest.mark.parametrize("text, email", [
    ("write to ana.lopez+support@example.com please", "ana.lopez+support@example.com"),
    ("Contact: <ana@example.com>", "ana@example.com"),
    ("at ANA@Example.CO.UK.", "ANA@Example.CO.UK"),
    ("(bob_smith@mail.example.org)", "bob_smith@mail.example.org"),
    ("email:jo@x.io, thanks", "jo@x.io"),
])
def test_email_detected(text, email):
    result = redact(text)
    assert result.mapping == {"[EMAIL_1]": email}
    assert email not in result.text
    assert result.restore(result.text) == text


def test_slack_mailto_markup_shares_one_placeholder():
    text = "reach me at <mailto:a@b.com|a@b.com> today"
    result = redact(text)
    assert result.text == "reach me at <mailto:[EMAIL_1]|[EMAIL_1]> today"
    assert result.mapping == {"[EMAIL_1]": "a@b.com"}
    assert result.restore(result.text) == text


@pytest.mark.parametrize("text", [
    "ping @channel and @here",
    "user@localhost is not routable",
    "the price is 5@3 for two",
    "a@b",
    "our handle is @composure on X",
])
def test_email_negatives(text):
    assert only(text) == {}


# ------------------------------------------------------------------------------------------ phone

@pytest.mark.parametrize("phone", [
    "+44 20 7946 0958",
    "(555) 123-4567",
    "555-123-4567",
    "07700 900123",
    "+1 (555) 123-4567",
    "+1 555-123-4567",
    "+15551234567",
    "1-800-555-0199",
    "0044 20 7946 0958",
    "06 12 34 56 78",
    "555.123.4567",
    "+44 (0) 20 7946 0958",
    "030 1234567",
    "07700900123",
])
def test_phone_detected(phone):
    text = f"Call me on {phone} after six."
    result = redact(text)
    assert result.mapping == {"[PHONE_1]": phone}, result.text
    assert result.text == "Call me on [PHONE_1] after six."


@pytest.mark.parametrize("text", [
    "It happened in 2024, and again in 2023 2024.",
    "We were customers 2019-2024.",
    "I paid $1,299.00 and then €1.299,00 and 1 299 000 EUR.",
    "Total 12345.67 USD",
    "Delivered on 2024-11-22 at 10:30, or was it 22.11.2024 at 10:30:45?",
    "Between 11/22/2024 and 2024/11/30",
    "The router is at 192.168.100.200",
    "Version 1.2.3.4 broke it",
    "Order 12345678 never arrived",
    "ticket 4111111111111112 and #5551234567",
    "Count: 1 2 3 4 5 6 7 8 9",
    "Opening hours 9-17, floors 10-12",
    "Dimensions 120 x 80 x 45 cm, weight 2.5 kg",
    "https://shop.example.com/orders/5551234567?ref=07700900123",
])
def test_phone_negatives(text):
    assert only(text) == {}, redact(text).text


def test_phone_next_to_a_date_is_still_found():
    result = redact("On 2024-11-22 555-123-4567 called me")
    assert result.mapping == {"[PHONE_1]": "555-123-4567"}
    assert result.text == "On 2024-11-22 [PHONE_1] called me"


# ------------------------------------------------------------------------------------------ cards

@pytest.mark.parametrize("card", [
    "4111 1111 1111 1111",
    "5555-5555-5555-4444",
    "4111111111111111",
    "3782 822463 10005",  # Amex test number, 15 digits
    "6011 1111 1111 1117",
    "4111-1111 1111-1111",  # odd separators: still a card
])
def test_luhn_valid_cards_detected(card):
    text = f"my card {card} was charged twice"
    result = redact(text)
    assert result.mapping == {"[CARD_1]": card}
    assert result.text == "my card [CARD_1] was charged twice"


@pytest.mark.parametrize("number", [
    "4111 1111 1111 1112",
    "5555-5555-5555-4445",
    "1234567812345678",
    "4111 1111-1111 1113",
])
def test_luhn_invalid_numbers_left_alone(number):
    text = f"reference {number} please"
    assert redact(text).text == text


def test_luhn_helper():
    assert luhn_valid("4111 1111 1111 1111")
    assert luhn_valid("79927398713")
    assert not luhn_valid("4111 1111 1111 1112")
    assert not luhn_valid("")


# ------------------------------------------------------------------------------------------ IBAN

@pytest.mark.parametrize("iban", [
    "GB82 WEST 1234 5698 7654 32",
    "DE89370400440532013000",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91ABNA0417164300",
    "gb82west12345698765432",
])
def test_valid_ibans_detected(iban):
    text = f"please refund to {iban} asap"
    result = redact(text)
    assert result.mapping == {"[IBAN_1]": iban}
    assert result.text == "please refund to [IBAN_1] asap"


@pytest.mark.parametrize("text", [
    "please refund to GB82 WEST 1234 5698 7654 33 asap",  # wrong check digits: left whole
    "please refund to DE89370400440532013001 asap",
    "code AB12 call me later about it",
    "SKU XY12ABCDEFGHIJKL is out of stock",
])
def test_invalid_ibans_left_alone(text):
    assert redact(text).text == text


def test_iban_helper():
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert iban_valid("DE89370400440532013000")
    assert not iban_valid("DE8937040044053201300")  # one character short for Germany
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not iban_valid("hello")


# ------------------------------------------------------------------------------------------ configured

def test_configured_patterns_replace_only_the_group():
    text = "Order #123456 and ord 99999 on account ACC-778899; order 12 is too short"
    result = redact(text, extra_patterns=CONFIG)
    assert result.text == "Order #[ORDER_1] and ord [ORDER_2] on account [ACCOUNT_1]; order 12 is too short"
    assert result.mapping == {"[ORDER_1]": "123456", "[ORDER_2]": "99999", "[ACCOUNT_1]": "ACC-778899"}
    assert result.restore(result.text) == text


def test_configured_pattern_wins_over_builtin_phone():
    text = "order 07700900123 is late, call 07700 900123"
    result = redact(text, extra_patterns=CONFIG)
    assert result.text == "order [ORDER_1] is late, call [PHONE_1]"


def test_configured_key_names_are_normalised():
    result = redact("ticket-id: T-9981", extra_patterns={"ticket id": r"T-\d+"})
    assert result.mapping == {"[TICKET_ID_1]": "T-9981"}
    assert result.restore("see [ticket_id_1]") == "see T-9981"


def test_bad_configured_pattern_is_a_clear_value_error():
    with pytest.raises(ValueError, match="privacy pattern 'order'"):
        redact("x", extra_patterns={"order": r"(unclosed"})
    with pytest.raises(ValueError):
        compile_patterns({"order": 5})  # type: ignore[dict-item]
    assert compile_patterns(None) == ()


# ------------------------------------------------------------------------------------------ numbering

def test_same_value_same_placeholder_and_numbering_per_kind():
    text = ("a@b.com wrote, then c@d.org, then a@b.com again; phone 555-123-4567, "
            "card 4111 1111 1111 1111, phone 555-123-4567, mail c@d.org")
    result = redact(text)
    assert result.text == ("[EMAIL_1] wrote, then [EMAIL_2], then [EMAIL_1] again; phone [PHONE_1], "
                           "card [CARD_1], phone [PHONE_1], mail [EMAIL_2]")
    assert result.mapping == {"[EMAIL_1]": "a@b.com", "[EMAIL_2]": "c@d.org", "[PHONE_1]": "555-123-4567",
                              "[CARD_1]": "4111 1111 1111 1111"}
    assert result.counts() == {"EMAIL": 2, "PHONE": 1, "CARD": 1}


def test_placeholders_already_in_the_input_survive_the_round_trip():
    text = "The template said [EMAIL_1] and EMAIL_2; my address is me@example.com"
    result = redact(text)
    assert result.mapping == {"[EMAIL_3]": "me@example.com"}
    assert result.restore(result.text) == text


def test_nothing_to_redact():
    result = redact("Where is my parcel? It is late.")
    assert result.text == "Where is my parcel? It is late."
    assert result.mapping == {} and not result
    assert isinstance(result, Redacted)


# ------------------------------------------------------------------------------------------ restore

def test_round_trip_on_a_mixed_message():
    text = ("Hi, I'm Ana (ana@example.com, +44 20 7946 0958). Order #88812345 was charged to "
            "4111 1111 1111 1111 on 2024-11-22 for $1,299.00. Refund to GB82 WEST 1234 5698 7654 32 "
            "or call (555) 123-4567. Again: ana@example.com.")
    result = redact(text, extra_patterns=CONFIG)
    for secret in ("ana@example.com", "7946", "88812345", "4111", "GB82", "123-4567"):
        assert secret not in result.text
    for kept in ("2024-11-22", "$1,299.00"):
        assert kept in result.text
    assert result.restore(result.text) == text


def test_mangled_placeholders_restored():
    result = redact("mail a@b.com, call 555-123-4567, order 123456", extra_patterns=CONFIG)
    draft = ("Hi [email_1]! We'll ring EMAIL_1 / [Phone 1] / [PHONE-1] / [ Order_1 ] / order_1 / "
             "[EMAIL_1 / [PHONE_2] / PHONE_9 / [CARD_1]")
    assert result.restore(draft) == (
        "Hi a@b.com! We'll ring a@b.com / 555-123-4567 / 555-123-4567 / 123456 / 123456 / "
        "a@b.com / [PHONE_2] / PHONE_9 / [CARD_1]")


def test_restore_leaves_prose_and_lookalikes_alone():
    result = redact("mail a@b.com")
    draft = "We will email 1 day before. MYEMAIL_1 and EMAIL_10 and EMAIL_1x are not ours."
    assert result.restore(draft) == draft


def test_module_level_restore():
    mapping = {"[EMAIL_1]": "a@b.com"}
    assert restore("to [EMAIL_1]", mapping) == "to a@b.com"
    assert restore("to [EMAIL_1]", {}) == "to [EMAIL_1]"
    assert restore("", mapping) == ""


# ------------------------------------------------------------------------------------------ robustness

@pytest.mark.parametrize("text", [
    "",
    "😀📞 call +44 20 7946 0958 🙏",
    "\x00\x01\x07\x1b[31m a@b.com \u202e\u200b 555-123-4567 \ud800",
    "٠٧٧٠٠ ٩٠٠١٢٣ (Arabic-Indic digits)",
    "\n\n\t\r" * 100,
])
def test_odd_input_never_raises_and_round_trips(text):
    result = redact(text)
    assert result.restore(result.text) == text


def test_non_string_input_is_tolerated():
    assert redact(None).text == ""  # type: ignore[arg-type]
    assert redact(5551234567).text == "5551234567"  # type: ignore[arg-type]


N = 100_000
ADVERSARIAL = {
    "digits": "1" * N,
    "digit-space": "1 " * (N // 2),
    "digit-dash": "1-" * (N // 2),
    "digit-dot": "1." * (N // 2),
    "letters": "a" * N,
    "at-signs": "a@" * (N // 2),
    "dotted-local": "a." * (N // 2) + "@",
    "long-domain": "x@" + "a." * (N // 2),
    "hyphen-domain": "x@" + "a-" * (N // 2),
    "iban-prefix": "GB82 " * (N // 5),
    "iban-tail": "GB82" + "A" * N,
    "parens": "(" * N,
    "area-codes": "(12) " * (N // 5),
    "plus": "+1 " * (N // 3),
    "card-groups": "4111 " * (N // 5),
    "order-words": "order #" * (N // 7),
    "random": "".join(random.Random(7).choice("0123456789 -.()+@aA#") for _ in range(N)),
}


# A linear pass over 100 KB takes tens of milliseconds; a pattern that backtracks
# catastrophically takes hours. The guard is only there so that such a pattern fails instead of hanging:
# a busy machine slows the pass a few times, never the thousand times the guard allows.
BACKTRACKING_GUARD = 60.0
_REDACT_AND_RESTORE = """
import json, sys
from bot.privacy import redact
text = sys.stdin.read()
result = redact(text, extra_patterns=json.loads(sys.argv[1]))
json.dump({"round_trip": result.restore(result.text) == text, "placeholders": len(result.mapping)}, sys.stdout)
"""


def redact_in_a_child(text: str) -> dict:
    """redact() then restore() in a child process, which a regex engine stuck in C cannot keep from being stopped."""
    try:
        child = subprocess.run([sys.executable, "-c", _REDACT_AND_RESTORE, json.dumps(CONFIG)], input=text,
                               capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=BACKTRACKING_GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"redact() still running after {BACKTRACKING_GUARD:g} s: catastrophic backtracking")
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_100kb_adversarial_input_is_linear(name):
    assert redact_in_a_child(ADVERSARIAL[name])["round_trip"]


def test_100kb_realistic_text_is_linear():
    paragraph = ("Hello, I'm writing again about order #12345678. Call me at +44 20 7946 0958 or mail "
                 "ana@example.com. I paid $1,299.00 on 2024-11-22 with 4111 1111 1111 1111. ")
    done = redact_in_a_child(paragraph * (N // len(paragraph) + 1))
    assert done == {"round_trip": True, "placeholders": 4}  # repeated values share placeholders
