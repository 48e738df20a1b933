"""Real letters for the signal model: our labels of the letters, e-mails and posts kept in
tests/data/real_messages*.jsonl (tests/data/labels/letters_*.jsonl, guide LETTERS_GUIDE.md), and how the rules and
the model combine on a letter, chosen on them (bot/training.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot import SIGNALS
from bot.threshold_choice import best_threshold, dealt_folds, dealt_resamples
from bot.training import REPO, _jsonl

MIN_LETTER_POSITIVES = 8  # a signal with fewer positives among the labelled letters keeps the rules alone there
BOOTSTRAPS = 200
SURE_WINS = 0.9
MIN_RAISED = 10
PRECISION_FLOOR = 0.25
# What the model alone adds on a letter is shown with the n-grams that pushed it for evidence ("I've", "phone",
# "attached" for a repeat contact): a way that adds such hits must have them right more often than not, on at least
# MIN_ADDED letters, or the agent learns to ignore the signals (round 41: four false repeat contacts, each quoting
# words that show nothing)
ADDED_PRECISION = 0.5
MIN_ADDED = 5
SEED = 20261206
# A way is scored on letters by F-beta with beta 0.5, which counts a false signal twice as much as a missed one: a
# false signal is shown to the agent, changes the drafts (an apology for chasing nobody did) and can send the case to a
# lead, while a missed one leaves the drafts as the rules wrote them. Chosen by F1, the signal model retrained on round
# 55-56's letters raised repeat_contact and sent letters to a lead at HIGH, and lost 7 to 1 judged blind.
LETTER_BETA = 0.5
LETTER_FOLDS = 5


def letter_labels(repo: Path = REPO) -> list[tuple[str, str, dict[str, int]]]:
    """Each labelled real message (id, text, signal -> 0/1). A message labelled twice keeps only the
    signals its two labellers agreed on."""
    data = repo / "tests" / "data"
    texts = {row["id"]: row["text"] for path in sorted(data.glob("real_messages*.jsonl")) for row in _jsonl(path)}
    seen: dict[str, list[set[str]]] = {}
    for path in sorted((data / "labels").glob("letters_*.jsonl")):
        for row in _jsonl(path):
            seen.setdefault(row["id"], []).append(set(row["labels"]))
    out = []
    for row_id, given in seen.items():
        agreed = [s for s in SIGNALS if len({s in g for g in given}) == 1]
        out.append((row_id, texts[row_id], {s: int(s in given[0]) for s in agreed}))
    return out


def letter_mode(y, choices: dict, texts: list[str]) -> str:
    """How rules and model combine on a letter: the rules alone unless another way (the model, either, or
    both agreeing) beats them by F-beta (LETTER_BETA) on the labelled letters out of fold, clearly: in at least
    SURE_WINS of BOOTSTRAPS resamples of the letters (a few dozen positives leave a gain of a few points in the noise).
    The model learned mostly from tweets and the rules were written against tweets and chats: on letters
    both over-read, the rules most (urgency in 102 of 118 letters they raised it in was wrong). The resamples are
    dealt by each letter's text (`texts`), so labelling more letters does not redraw them. A way whose hits
    the rules did not raise are wrong more often than not (ADDED_PRECISION) is not taken, whatever its score.
    A way that raised the signal on at least MIN_RAISED letters and was right on fewer than PRECISION_FLOOR of them
    is noise there, whatever its score says (no F-score can tell it from never raising it): "never" (confusion from
    "information" or "options" in a story, right in 2 of 75 letters, had the drafts ask "which part is unclear?")."""
    import numpy as np

    best = "rules"
    if y.sum() >= MIN_LETTER_POSITIVES:
        draws = dealt_resamples(texts, BOOTSTRAPS, SEED)
        rules = resampled_fbeta(y, choices["rules"], draws)
        best_score = fbeta(y, choices["rules"])
        for mode, guess in choices.items():
            if mode == "rules" or adds_noise(y, guess, choices["rules"]):
                continue
            whole = fbeta(y, guess)
            if whole > best_score and np.mean(resampled_fbeta(y, guess, draws) > rules) >= SURE_WINS:
                best, best_score = mode, whole
    raised = int(choices[best].sum())
    if raised >= MIN_RAISED and (choices[best] & (y == 1)).sum() < PRECISION_FLOOR * raised:
        return "never"
    return best


def fbeta(y, guess, beta: float = LETTER_BETA) -> float:
    """F-beta of `guess` on these letters (beta < 1 weighs precision more)."""
    import numpy as np

    return float(resampled_fbeta(y, guess, np.ones((1, len(y))), beta)[0])


def resampled_fbeta(y, guess, draws, beta: float = LETTER_BETA):
    """F-beta of `guess` in each resample (`draws`: one row of weights per resample, one column per letter)."""
    import numpy as np

    y, guess = np.asarray(y, dtype=bool), np.asarray(guess, dtype=bool)
    tp, fp, fn = draws @ (y & guess), draws @ (~y & guess), draws @ (y & ~guess)
    b2 = beta * beta
    return np.divide((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp, out=np.zeros(len(draws)), where=tp > 0)


def adds_noise(y, guess, rules) -> bool:
    """Whether the hits a way makes that the rules did not are wrong more often than not, on enough letters to say."""
    added = guess & ~rules
    return int(added.sum()) >= MIN_ADDED and int((added & (y == 1)).sum()) < ADDED_PRECISION * int(added.sum())


def at_letters_threshold(y, p, texts: list[str]) -> tuple[object, float]:
    """The model on letters at a threshold of their own. Its threshold was chosen on tweets, where a short message
    with "again" in it is a repeat contact; a letter tells a story and carries such words on the way, so at that
    threshold the model over-reads letters. Each letter is judged at the threshold the other letters chose (so the
    F1 `letter_mode` compares is out of sample), and the threshold all the letters choose is the one shipped. The
    letters' folds are dealt by a hash of their text (bot.threshold_choice), so labelling more letters keeps each
    letter in its fold."""
    import numpy as np

    guess = np.zeros(len(y), dtype=bool)
    for train_idx, test_idx in dealt_folds(texts, LETTER_FOLDS):
        threshold, _ = best_threshold(y[train_idx], p[train_idx], np.ones(len(train_idx)))
        guess[test_idx] = p[test_idx] >= threshold
    return guess, best_threshold(y, p, np.ones(len(y)))[0]


# A cue is noise on letters when, over at least TRUST_MIN_FIRES labelled letters it fired in, the signal was right in
# fewer than TRUST_FLOOR of them: a letter tells its story in words the rules read as requests on a tweet ("they
# refunded me", "the replacement came", "I expect" in "I expect better").
TRUST_MIN_FIRES = 4
TRUST_FLOOR = 0.3


def untrusted_cues(cues: list[dict[str, set[str]]], labels: list[dict[str, int]]) -> dict[str, list[str]]:
    """Per signal, the cues that were noise on these letters (each letter's cues per signal, and its labels)."""
    out: dict[str, list[str]] = {}
    for signal in SIGNALS:
        fired: Counter = Counter()
        right: Counter = Counter()
        for found, truth in zip(cues, labels):
            if signal in truth:
                fired.update(found.get(signal, ()))
                right.update(found.get(signal, ()) if truth[signal] else ())
        noise = sorted(c for c, n in fired.items() if n >= TRUST_MIN_FIRES and right[c] < TRUST_FLOOR * n)
        if noise:
            out[signal] = noise
    return out


def trusted_rules(texts: list[str], labels: list[dict[str, int]]) -> tuple[list[set[str]], dict[str, list[str]]]:
    """What the rules raise on each letter when the cues that proved noise on the other letters are not read (out of
    fold, for `letter_mode` to weigh as the way "trusted"), and the noisy cues all the letters show (shipped)."""
    from bot.analysis import base_scores, settle, without_untrusted
    from bot.plaintext import prepare
    from bot.training import rules

    bases = [base_scores(prepare(text).own_words, rules()) for text in texts]
    cues = [{name: {e.cue for e in evidence} for name, (_, evidence) in base.items()} for base in bases]
    raised: list[set[str]] = [set() for _ in texts]
    for train_idx, test_idx in dealt_folds(texts, LETTER_FOLDS):
        noise = untrusted_cues([cues[i] for i in train_idx], [labels[i] for i in train_idx])
        for i in test_idx:
            raised[i] = {h.name for h in settle(without_untrusted(bases[i], noise), rules())}
    return raised, untrusted_cues(cues, labels)
