"""Compensation with no ceiling: a multiple of what the customer paid, or cover with no end to it.

bot.policy compares each amount an offer names with its kind's limit. These offers name no amount,
so no limit is ever compared, yet they promise more than any limit allows: "double what you paid" is
more than a full refund, and "whatever it costs" or "all your expenses" has no end at all. Read by
bot.policy.promises_beyond_policy, only in sentences that commit to something, so the composer's,
the model's and an agent's drafts all pass the same check.
"""

from __future__ import annotations

import re

_NUMBER = r"(?:two|three|four|five|ten|\d+)"
_MULTIPLE = rf"(?:double|twice|triple|treble|thrice|quadruple|{_NUMBER}\s*(?:times|x)|\d+x)"
# what the multiple is of: the payment ("what you paid", "the amount", "your money back", "the ticket price")
_PAID = (r"(?:what (?:you(?:'ve| have)?|was) (?:paid|spent|lost|were charged)|what (?:it|they|(?:the|your) [\w-]+) cost\b|(?:the|your) (?:original |full |\w+ )?"
         r"(?:amount|price|cost|fare|fees?|value|sum|total|money|payment|purchase|order|ticket|subscription|deposit)\b"
         r"|that (?:amount|sum)|your money)")
_GIVE = r"(?:refund\w*|reimburs\w*|compensat\w*|pay(?:ing)?|(?:be|get|been) paid|give|giving|credit\w*|get|receive|return\w*|send)"
# "double charge", "double booking": a duplicate, not a multiple of a payment
_DUPLICATE = r"(?:charg\w*|payments?|billing|booking|debit\w*|transactions?|orders?|deliver\w*|shipments?)\b"
_MULTIPLIED = re.compile(
    rf"\b{_GIVE}\s+(?:you\s+|it\s+)?(?:back\s+)?(?:(?:double|triple|treble|quadruple)\b(?!\s+{_DUPLICATE})|{_MULTIPLE}\s+{_PAID})"
    rf"|\b{_MULTIPLE}\s+{_PAID}(?:\s+back\b|\s+(?:in|as)\s+(?:credit|vouchers?|compensation|refund)\b)", re.I)
# the payment the customer was charged several times over, not an offer: "you were charged double the price"
_WAS_CHARGED = re.compile(r"\b(?:charged|billed|debited|cost|took|taken|paid)\s+(?:you\s+)?$", re.I)

_LOSSES = (r"(?:lost (?:wages|earnings|income|pay|business|profits?|revenue|time)|(?:wages|earnings|income|pay|revenue) (?:you )?lost\b"
           r"|(?:vet|veterinary|medical|hospital|dental|hotel|taxi|travel|rental|hire car) (?:bills?|costs?|fees|expenses)|damage to your \w+"
           r"|(?:the |a )?hire car|dry cleaning|taxis?)")
_COSTS = r"(?:costs?|expenses?|expenditure|losses?|bills?|damages?|outlay|out-of-pocket\b[^.!?,;]{0,15})"
_OPEN_ENDED = re.compile(
    # "whatever it costs", "no matter the cost", "money is no object"
    r"\bwhatever (?:it|that|this|they|the (?:\w+ )?(?:bill|cost|price))\s+(?:costs?|comes? to|adds? up to|is|are)\b"
    r"|\bwhatever the (?:cost|price|bill)\b|\bno matter (?:what (?:it|that|this) costs|the (?:cost|price)|how much)\b"
    r"|\bat any (?:cost|price)\b|\bregardless of (?:the )?(?:cost|price)\b|\bmoney is no object\b|\bspare no expense\b"
    r"|\bblank cheque\b|\bname your (?:price|figure)\b|\bwhatever (?:amount|sum|figure) you\b"
    # "we'll pick up the tab", "whatever costs you run into", "whatever treatment he needs"
    r"|\b(?:pick(?:ing)? up|foot(?:ing)?) the (?:tab|bill)\b|\bwhatever (?:costs?|expenses?|bills?|treatment|repairs?|losses?)\b"
    # the customer's own losses, which no refund caps: lost wages, vet bills, the damage to their car, a hire car
    rf"|\b(?:compensat\w*|reimburs\w*|pay(?:ing)?(?: you)?(?: back)?|cover\w*)\s+(?:you\s+)?(?:for\s+)?(?:the |your |any |all )?(?:\w+ ){{0,2}}?{_LOSSES}"
    r"|\bpay (?:you )?back every (?:last )?(?:penny|cent)\b"
    # "compensated for all of this", "pay for everything", "cover any costs you incur", "reimburse all your expenses"
    rf"|\b(?:compensat\w*|reimburs\w*|refund\w*|cover\w*|pay(?:ing)?(?: you)?(?: back)?|foot(?:ing)? the bill|make (?:it|this|that) up to you)"
    rf"\s+(?:you\s+)?(?:for\s+)?(?:(?:all|any|every|each)(?: single| one)?(?: of)?(?: (?:this|that|it)\b| (?:your|the)? ?(?:\w+ )?{_COSTS})|everything)"
    # "fully compensated", "compensate you in full"
    r"|\bfully (?:compensat|reimburs)\w*|\b(?:compensat|reimburs)\w* (?:you )?(?:fully|in full|for every)\b", re.I)
# The same promise made in the passive, which commits on its own: "all your travel expenses will be covered"
_OPEN_ENDED_PASSIVE = re.compile(
    rf"\b(?:all|any|every)(?: of)? (?:your |the )?(?:[\w-]+ )?{_COSTS}(?: [^.!?,;]{{1,40}}?)?"
    r"\s+(?:will|shall|are going to)\s+(?:be\s+)?(?:covered|paid|reimbursed|refunded|compensated|taken care of|on us)\b"
    r"(?! by (?:your|the|their) )", re.I)
# Offers that commit by their own words, with no ceiling: "whatever you need, it's yours", "just tell us the figure and
# it's yours", "there's no limit to what we'll do"
_ANYTHING = re.compile(r"\b(?:whatever you (?:need|want|ask(?: for)?)|(?:the|any|your) (?:figure|amount|sum))\b[^.!?]{0,40}\b(?:it's|it is|is) yours\b"
                       r"|\bno limit to (?:what|how much)\b", re.I)
# A refund in full and more on top, unasked: "I'll refund the full amount, send a new one, and you can keep the old one",
# "refunded the whole stay, and your next three nights are complimentary" (a refund *or* a replacement is not)
_ON_TOP = re.compile(r"\b(?:full (?:refund|amount|price)|refund\w* (?:(?:the|your) )?(?:full|whole|entire) \w+|refund\w* (?:it |you )?in full)\b"
                     r"(?:(?!\bor\b)[^.!?]){0,80}\b(?:brand new|new one|keep (?:the|it)|complimentary|on us|on the house|free)\b", re.I)
# "we can't pay whatever it costs", "I'm not able to refund double": refused, not promised
_REFUSED = re.compile(r"(?:\bnot|n't|\bcannot|\bnever|\bunable|\bno way)\b[^.!?]{0,40}$", re.I)


_MULTIPLE_PROBLEM = "offers a multiple of what was paid ({!r}), more than any refund the policy allows"
_OPEN_PROBLEM = "promises compensation with no limit ({!r}); offer what the policy allows"
_ON_TOP_PROBLEM = "offers a full refund and more on top ({!r}); offer one remedy the policy allows"


def uncapped_offers(sentence: str, commits: bool) -> list[str]:
    """What in one sentence promises compensation without a ceiling, as problems to report; `commits` says whether
    the sentence commits the writer ("I'll", "we can", "you'll get"), without which only the passive promise counts."""
    problems = []
    patterns = ((_MULTIPLIED, _MULTIPLE_PROBLEM), (_OPEN_ENDED, _OPEN_PROBLEM)) if commits else ()
    for pattern, problem in (*patterns, (_OPEN_ENDED_PASSIVE, _OPEN_PROBLEM), (_ANYTHING, _OPEN_PROBLEM), (_ON_TOP, _ON_TOP_PROBLEM)):
        for m in pattern.finditer(sentence):
            before = sentence[:m.start()]
            if not (_REFUSED.search(before) or (pattern is _MULTIPLIED and _WAS_CHARGED.search(before))):
                problems.append(problem.format(m.group(0).strip()))
                break
    return problems
