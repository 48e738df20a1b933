"""Which of the cues' stances the learned stance model may change, and how its changes are keyed.

The cues route a case (a threat, abuse, extortion go to a lead or legal), so the model never reads
those; what it may change, it changes only by a change chosen out of fold ("complaint>thanks"), and a
calm complaint (a long letter with no anger, sarcasm or abuse) is keyed apart from an angry one.
"""

from __future__ import annotations

from bot.label_model import BACKGROUND

ROUTED_STANCES = {"threat", "abuse", "extortion"}  # the learned stance never reads these: only the cues route a case so
FIXED_STANCES = {"extortion"}  # a review held to ransom is a specific cue the learned stance never overrules


CALM = " (calm)"  # how the stance model's changes name a complaint read with no anger, sarcasm or abuse in it
UNCALM = {"anger", "sarcasm", "abusive"}


def model_view(said: str, signals: set[str], detailed: bool) -> str:
    """The cues' stance as the stance model's changes are keyed: a letter read as a complaint with no anger, sarcasm
    or abuse in it is a calm one, whose change to thanks is judged on its own (thank-you letters that recount a hard
    time read as calm complaints; the sarcastic thank-you letters the model took for thanks nearly all carry sarcasm
    or anger). A short message is never calm: "The app logs me out ... Thank you." is a complaint signed off."""
    return said + CALM if said == "complaint" and not signals & UNCALM and detailed else said


def stance_change_allowed(said: str, label: str) -> bool:
    """Whether the learned stance may replace what the cues read: never into a threat, abuse or extortion (only
    the cues route a case), never out of extortion, abuse or a threat only into a complaint (no friendly remark
    to "You people make me sick"), and never a complaint into a remark (an agent who forwards a reply mid-thread
    has a complaint to answer)."""
    said = said.removesuffix(CALM)
    return (said not in FIXED_STANCES and label not in ROUTED_STANCES and label != said
            and (said not in ROUTED_STANCES or label == "complaint") and not (said == "complaint" and label == BACKGROUND))


def cue_stance(stance: str, remark: bool, advert: bool) -> str:
    """The cues' stance as the stance labels name it: a remark or an advert is not about a case ("none")."""
    return BACKGROUND if remark or advert else stance
