"""`composure train`, the stance part: fit the learned stance model (bot/label_model.py) on real
customer messages labelled by hand, and choose, out of fold, which of the cues' stances it may change.

Labels: tests/data/labels/stance_*.jsonl ({id, stance, sarcastic, sure}), written by reading each
message against tests/data/labels/STANCE_GUIDE.md; a message two labellers disagreed on is left out.

The cues read praise, questions and complaints from words ("thanks", "?", "broken"), and real
letters mix them: "OK this might be the best customer experience ever! Thanks a lot" was read as
sarcasm, a thank-you note for a newspaper carrier as a complaint. The model may replace the cues'
stance only by a change ("complaint>thanks") whose own out-of-fold guesses were right at least
CLASS_PRECISION of the time, above a bar where all such changes together are right TARGET_PRECISION
of the time. It never reads a threat, abuse or extortion (the cues route a case to a lead or legal,
and the analysis' signals, escalation and boundary do not depend on the stance); it may put right
a complaint the cues took for abuse or a threat ("getting their shit together", "Be warned!").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot import STANCES as STANCE_VOCABULARY
from bot.label_fitting import cue_readings, fit, guessable_classes, labelled, learnable, texts
from bot.label_model import BACKGROUND, STANCE_MODEL_PATH as MODEL_PATH, LabelModel
from bot.plaintext import prepare
from bot.praise_reading import hedgeable
from bot.reading import ASKING, is_detailed
from bot.stance_changes import CALM, cue_stance, model_view, stance_change_allowed
from bot.training import REPO

STANCES = set(STANCE_VOCABULARY)
MIN_EXAMPLES = 6
C = 4.0                # chosen among 1 and 4 by out-of-fold right stances (1,803, 1,805 of 2,485)
TARGET_PRECISION = 0.8
CLASS_PRECISION = 0.75
MIN_GUESSES = 4
MIN_ACCEPT = 0.5
# A question, request or complaint read as "not about a case", or as thanks, gets a friendly line instead of an
# answer: wrong, a customer who asked ("@Burberry I would like to know if your boots use calf leather") or complained
# ("I recently had the terrible misfortune of travelling on your trains") is brushed off, so it must be right this
# often. Reading a tweet to a friend as a question only leaves the agent a slot they won't use.
UNANSWERED = {f"{asked}{calm}>{brushed}" for asked in ("question", "request", "complaint") for calm in ("", CALM)
              for brushed in ("none", "thanks")}
UNANSWERED_PRECISION = 0.9
# A thank-you the cues read that the model takes for a complaint: left to the hedged thank-you (DOUBTED_PRECISION), a
# complaint among them is thanked, as much a never-do as praise apologised to, so the full change pays once it is right
# more often than wrong; three times in five leaves a margin for the noise of ten-odd guesses out of fold. At
# CLASS_PRECISION the change came and went with every few letters labelled or read better by the cues (its top ten 8
# right, then 7, then 6), and each time it went nine complaints were thanked again (false thank-yous on the stance
# labels 36 -> 45).
FLIPS = {"thanks>complaint"}
FLIP_PRECISION = 0.6
OWN_BAR_GUESSES = 10  # a change allowed only above its own bar must show it there on this many guesses
# A letter the cues read as a complaint may be thanked in words that apologise for nothing and leave the door open
# (bot.praise_reading.hedgeable) where the model's thank-you is right at least this often out of fold, on this many
# letters: an apology to a thank-you letter makes every draft unsendable, a hedged thank-you to a complaint only
# generic, so the hedge pays once the thanks are more often right than not.
HEDGED_PRECISION = 0.5
HEDGED_GUESSES = 8
# The other way round, the costs are the other way round too: a thank-you the cues read that is really a complaint gets
# "What a lovely message" (as bad as an apology to praise), while a real one the hedge doubts is still thanked, only more
# plainly. So the model's complaint doubts the cues' thank-you once it is right this often: at 0.5, the 40 letters of
# real_messages_50-53 and the praise wordings they brought raised the bar from 0.66 to 0.729, and four labelled complaint
# letters that had been hedged were thanked outright.
DOUBTED_PRECISION = 0.4


def changes(said: list[str], best: list[str], truth: list[str]) -> tuple[list[str], list[str], list[bool]]:
    """The model's guesses as changes of the cues' stance ("complaint>thanks"), the labelled change, and
    whether each change is one the model may make at all. A change to "none" (not a customer speaking
    to us about their case) makes the reading treat the message as a remark: no case, no promise. What
    the cues read as abuse or a threat may only become a complaint: a friendly remark or thanks in
    reply to "You're actually sub-human" is never right, however sure the model is. Nor is a complaint
    ever a remark: the labels call a reply mid-thread "none" ("You would change your ways if you were
    truly sorry"), but an agent who forwards it has a complaint to answer."""
    keys = [f"{s}>{b}" for s, b in zip(said, best)]
    right = [f"{s}>{y}" for s, y in zip(said, truth)]
    open_ = [stance_change_allowed(s, b) for s, b in zip(said, best)]
    return keys, right, open_


def choose(keys: list[str], sure: list[float], right: list[str], open_: list[bool]) -> tuple[float, set[str], dict]:
    """The lowest bar at which the changes the model makes well (each right CLASS_PRECISION of the time,
    MIN_GUESSES times or more) are together right TARGET_PRECISION of the time, and those changes.
    Changes the model makes badly at that bar don't count against it. A change that is right often enough
    only when the model is surer ("complaint>thanks" for a praise letter that recounts a hard time) gets its
    own higher bar, if it is guessed OWN_BAR_GUESSES times or more there; one that would leave someone
    who asked something without an answer (UNANSWERED) always has its own bar, at UNANSWERED_PRECISION."""
    chosen, allowed = 1.01, set()
    for bar in sorted({round(p, 3) for p, o in zip(sure, open_) if o and p >= MIN_ACCEPT}, reverse=True):
        good = guessable_classes(keys, sure, right, open_, bar, CLASS_PRECISION, MIN_GUESSES)
        taken = [k == r for k, p, r, o in zip(keys, sure, right, open_) if o and k in good and p >= bar]
        if len(taken) >= 10 and sum(taken) / len(taken) >= TARGET_PRECISION:
            chosen, allowed = bar, good
    bars = {}
    for change in sorted({k for k, o in zip(keys, open_) if o} - (allowed - UNANSWERED)):
        need = UNANSWERED_PRECISION if change in UNANSWERED else FLIP_PRECISION if change in FLIPS else CLASS_PRECISION
        enough = MIN_GUESSES if change in allowed else OWN_BAR_GUESSES
        own = [(p, k == r) for k, p, r, o in zip(keys, sure, right, open_) if o and k == change and p >= chosen]
        fit = [b for b in sorted({p for p, _ in own})
               if len(hits := [h for p, h in own if p >= b]) >= enough and sum(hits) / len(hits) >= need]
        if fit:
            allowed.add(change)
            bars[change] = round(fit[0], 3)
        else:
            allowed.discard(change)
    return chosen, allowed, bars


def hedged_bar(best: list[str], sure: list[float], right: list[bool], open_: list[bool], other: str = "thanks",
               precision: float = HEDGED_PRECISION) -> float:
    """The lowest bar at which the model's out-of-fold `other` reading (its thank-you for a letter the cues read as a
    complaint, or its complaint for one they read as thanks), on the letters it may hedge (`open_`), is `right`
    `precision` of the time on HEDGED_GUESSES letters or more; 1.01 (never) when no bar is."""
    guesses = sorted(((p, r) for b, p, r, o in zip(best, sure, right, open_) if o and b == other
                      and p >= MIN_ACCEPT), reverse=True)
    bar = 1.01
    for k in range(HEDGED_GUESSES, len(guesses) + 1):
        hits = [h for _, h in guesses[:k]]
        if sum(hits) / k >= precision and (k == len(guesses) or guesses[k][0] < guesses[k - 1][0]):
            bar = guesses[k - 1][0]
    return round(bar, 3)


def agreement_with(said: list[str], truth: list[str]) -> dict:
    """How often a reading's stance matches the label, overall and per labelled stance (recall)."""
    per: dict[str, list[bool]] = {}
    for s, y in zip(said, truth):
        per.setdefault(y, []).append(s == y)
    return {"right": sum(1 for s, y in zip(said, truth) if s == y), "of": len(truth),
            "recall": {y: f"{sum(v)}/{len(v)}" for y, v in sorted(per.items())}}


def train(shared: Path, out: Path = MODEL_PATH, log=print, repo: Path = REPO) -> dict:
    labels, agreement = labelled("stance_*.jsonl", "stance", repo)
    unknown = {v for v in labels.values() if v not in STANCES | {BACKGROUND}}
    if unknown:
        raise ValueError(f"stance labels outside tests/data/labels/STANCE_GUIDE.md: {sorted(unknown)}")
    corpus = texts(shared, repo)
    ids = sorted(i for i in labels if i in corpus)
    messages = [corpus[i] for i in ids]
    classes = learnable([labels[i] for i in ids], STANCES, MIN_EXAMPLES)
    y_names = [labels[i] if labels[i] in classes else BACKGROUND for i in ids]
    log(f"{len(ids)} labelled messages ({agreement['double_labelled']} doubly: agreement {agreement['agreement']}, "
        f"kappa {agreement['kappa']}); stances learned: {', '.join(classes)}")
    fitted = fit(messages, y_names, classes, C)
    best, sure = fitted.best()
    said, views, may_hedge = read_views(messages)
    keys, right, open_ = changes(views, best, y_names)
    accept, allowed, bars = choose(keys, sure, right, open_)
    taken = [(k, r) for k, p, r, o in zip(keys, sure, right, open_) if o and k in allowed and p >= bars.get(k, accept)]
    combined = [b if o and k in allowed and p >= bars.get(k, accept) else s
                for s, b, k, p, o in zip(said, best, keys, sure, open_)]
    hedged = [h and c == s == "complaint" for h, c, s in zip(may_hedge, combined, said)]  # the model changed nothing
    hedge = hedged_bar(best, sure, [y == "thanks" for y in y_names], hedged)
    thanks = [h and b == "thanks" and p >= hedge for b, p, h in zip(best, sure, hedged)]
    thanked = [y == "thanks" for y, t in zip(y_names, thanks) if t]
    combined = ["thanks" if t else c for c, t in zip(combined, thanks)]
    # ... and the cues' thank-you doubted where the model reads a complaint: the hedge is right when it was no thanks
    thanked_by_cues = [h and c == s == "thanks" for h, c, s in zip(may_hedge, combined, said)]
    doubt = hedged_bar(best, sure, [y != "thanks" for y in y_names], thanked_by_cues, other="complaint",
                       precision=DOUBTED_PRECISION)
    doubted = [y != "thanks" for y, h, b, p in zip(y_names, thanked_by_cues, best, sure) if h and b == "complaint" and p >= doubt]
    report = {"rows": len(ids), "agreement": agreement, "classes": dict(Counter(y_names)), "accept": accept, "bars": bars,
              "hedged_thanks": {"bar": hedge, "made": len(thanked), "right": sum(thanked)},
              "doubted_thanks": {"bar": doubt, "made": len(doubted), "right": sum(doubted)},
              "changes": sorted(allowed), "changes_out_of_fold": {"made": len(taken), "right": sum(1 for k, r in taken if k == r)},
              "cues": agreement_with(said, y_names), "cues_and_model": agreement_with(combined, y_names)}
    log(f"accept at {accept} (own bars {bars}), changes {sorted(allowed)}: {report['changes_out_of_fold']}")
    log(f"thank-you that leaves the door open, for letters read as complaints: {report['hedged_thanks']}; "
        f"for letters read as thanks the model takes for complaints: {report['doubted_thanks']}")
    log(f"cues {report['cues']}\ncues and model {report['cues_and_model']}")
    meta = fitted.write(out, {"accept": accept, "bars": bars, "guessable": sorted(allowed), "hedged_thanks": hedge, "doubted_thanks": doubt,
                              "cv": report})
    log(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB)")
    held = heldout(out, corpus, repo)
    if held:
        log(f"held out ({held['rows']} letters never trained on): cues {held['cues']['right']}, "
            f"cues and model {held['cues_and_model']['right']}; changes {held['changes']}")
    return meta


def heldout(model_path: Path, corpus: dict[str, str], repo: Path = REPO) -> dict | None:
    """The shipped model on messages labelled only to test it (tests/data/labels/heldout_stance_*.jsonl, never
    trained on): out-of-fold figures flattered a change the test letters later showed was wrong half the time."""
    labels, _ = labelled("heldout_stance_*.jsonl", "stance", repo)
    ids = sorted(i for i in labels if i in corpus)
    if not ids:
        return None
    messages = [corpus[i] for i in ids]
    said, combined = read_stances(messages), read_stances(messages, LabelModel.load(model_path))
    truth = [labels[i] for i in ids]
    made = [(f"{s}>{c}", c == y) for s, c, y in zip(said, combined, truth) if c != s]
    return {"rows": len(ids), "cues": agreement_with(said, truth), "cues_and_model": agreement_with(combined, truth),
            "changes": {"made": len(made), "right": sum(1 for _, hit in made if hit)}}


def read_views(messages: list[str]) -> tuple[list[str], list[str], list[bool]]:
    """The cues' stance of each message, the same as the stance model's changes are keyed (a calm complaint), and
    whether a thank-you there could be the hedged one (bot.praise_reading.hedgeable)."""
    readings = cue_readings(messages, True)
    said = [cue_stance(case.stance.name, case.remark, case.advert) for case, _ in readings]
    hedgeable_ = [hedgeable(prepare(m).own_words, case.open_question, any(w.name not in ASKING for w in case.wants))
                  for m, (case, _) in zip(messages, readings)]
    return (said, [model_view(s, set(analysis.signal_names), is_detailed(m)) for s, m, (_, analysis) in zip(said, messages, readings)],
            hedgeable_)


def read_stances(messages: list[str], model: LabelModel | None = None) -> list[str]:
    """Each message's stance as the shipped reading gives it, situation model included: the cues alone, or with
    a stance model (the reading itself decides which of its changes to take, as at run time)."""
    return [cue_stance(case.stance.name, case.remark, case.advert) for case, _ in cue_readings(messages, True, model)]


def main(shared: Path | None = None, log=print) -> dict:
    return train(shared or (REPO.parent / "shared"), log=log)
