"""Where a probability becomes a yes, chosen out of fold in training: which fold each row is tested in, and the
threshold that maximises F1 there. Both must hold still when rows are added, since a threshold that moves by noise
moves every reading that depends on it."""

from __future__ import annotations

import zlib

SMOOTH = 0.05  # each point of the F1 curve is averaged with its neighbours this far away


def dealt_folds(texts: list[str], folds: int, deal: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each row's fold from a hash of its text, so a row keeps its fold when rows are added. A shuffled split deals
    every row anew: labelling 80 more letters moved the thresholds chosen out of fold by up to 0.27 (refund_request
    0.72 -> 0.45) on tweets whose labels had not changed. The same text always falls in the same fold; another
    `deal` deals them otherwise (for repeated cross-validation)."""
    import numpy as np

    salt = f"{deal}:" if deal else ""
    fold = np.array([_text_hash(salt + t) % folds for t in texts])
    return [(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in range(folds)]


def dealt_resamples(texts: list[str], draws: int, seed: int) -> np.ndarray:
    """Bootstrap resamples of these rows that hold still when rows are added: each row's weight in each resample
    (how many times it is drawn, Poisson with mean 1) comes from its text, not from a shuffle of all the rows. Drawing
    len(rows) indices anew redrew every resample when 40 letters were labelled, and a way that had won 90 % of them
    fell below or rose above that bar by the redraw alone (complaint on letters: the rules -> either)."""
    import numpy as np

    return np.column_stack([np.random.default_rng([seed, _text_hash(t)]).poisson(1.0, draws)
                            for t in texts]) if texts else np.zeros((draws, 0))


def _text_hash(text: str) -> int:
    """A row's lasting number: the same text gets it on every run and whatever other rows there are."""
    return zlib.crc32(text.encode("utf-8"))


def best_threshold(y, p, weights) -> tuple[float, float]:
    """The threshold maximising F1 on out-of-fold probabilities (weighted by domain), on a 0.01 grid, each point's F1
    averaged with its neighbours within SMOOTH: near its top the curve is flat, and its raw maximum jumped (threat_legal
    0.23 -> 0.93) when the folds were dealt anew. Returns the threshold and its own (unsmoothed) F1."""
    import numpy as np

    y, p, w = np.asarray(y, dtype=bool), np.asarray(p, dtype=float), np.asarray(weights, dtype=float)
    positives = w[y].sum()
    if not positives:
        return 0.5, 0.0
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    f1 = np.array([2 * w[y & (p >= t)].sum() / (w[p >= t].sum() + positives) for t in grid])
    k = round(SMOOTH / 0.01)
    smoothed = np.array([f1[max(0, i - k):i + k + 1].mean() for i in range(len(grid))])
    best = int(np.argmax(smoothed))
    return float(grid[best]), float(f1[best])
