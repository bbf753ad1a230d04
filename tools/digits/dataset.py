"""Training samples: render → degrade → the runtime segmenter → features, labelled by ink.

Why through the real segmenter: the classifier must judge exactly the candidates it will see at
run time, including the wrong ones (half a broken digit, two touching digits, a digit glued to
a letter), which are labelled "<junk>" so the path search can reject them. A candidate takes
a piece's class when ≥ 90% of its ink is that piece's and it holds ≥ 80% of the piece's ink;
any part of a Thai or Latin word is "<other>".
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

from ingest.digits.features import candidate_mask, features
from ingest.digits.model import CLASS_INDEX, JUNK_ID, OTHER, OTHER_ID
from ingest.digits.segment import segment
from tools.digits import corpus
from tools.digits.fonts import Face
from tools.digits.render import Degrade, Piece, degrade, font_px, render, tight_crop

TRAIN_DEGRADE = Degrade(design_p=0.5)
OTHER_KEEP = 0.35
"""Share of "<other>" candidates kept: Thai text is plentiful, digits are what matter."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One degraded line crop with its truth pieces and piece map."""

    gray: np.ndarray
    ids: np.ndarray
    pieces: list[Piece]
    face: Face
    digit_px: float


def make_line(
    seed: int, faces: list[Face], px_range: tuple[float, float], deg: Degrade = TRAIN_DEGRADE
) -> Sample:
    """A reproducible degraded line for `seed` (fonts, sizes and content all drawn from it)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    face = rng.choice(faces)
    lo, hi = px_range
    digit_px = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    pieces = corpus.line(rng)
    r = render(pieces, face, font_px(face, digit_px))
    gray, ids = degrade(r, nrng, digit_px, deg)
    crop, x0, y0 = tight_crop(gray, rng.randint(0, 5))
    ids = ids[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]]
    return Sample(np.ascontiguousarray(crop), ids, pieces, face, digit_px)


def label_candidates(sample: Sample) -> tuple[np.ndarray, np.ndarray]:
    """Features and class ids of every candidate the segmenter proposes on this line.

    Every atom of a candidate must belong mostly to the same piece: "๕" with the "." after
    it glued on is junk, not "๕", or the path search would learn to swallow the dot.
    """
    seg = segment(sample.gray)
    if not seg.candidates:
        return np.zeros((0, 1), np.float32), np.zeros(0, np.int64)
    x = features(seg, seg.candidates)
    piece_ids = sample.ids
    n_pieces = len(sample.pieces) + 1
    totals = np.bincount(piece_ids[seg.binary > 0].ravel(), minlength=n_pieces)
    atom_owner: dict[int, int] = {}
    y = np.full(len(seg.candidates), JUNK_ID, np.int64)
    cands = seg.candidates
    for k in sorted(range(len(cands)), key=lambda k: cands[k].last - cands[k].first):
        cand = cands[k]
        mask, mx, my = candidate_mask(seg, cand)
        sub = piece_ids[my : my + mask.shape[0], mx : mx + mask.shape[1]][mask]
        if sub.size == 0:
            continue
        counts = np.bincount(sub, minlength=n_pieces)
        counts[0] = 0
        top = int(counts.argmax())
        if top == 0 or counts[top] < 0.9 * sub.size:
            continue
        if cand.first == cand.last:
            atom_owner[cand.first] = top
        elif any(atom_owner.get(a, -1) != top for a in range(cand.first, cand.last + 1)):
            continue
        label = sample.pieces[top - 1].label
        if label == OTHER:
            y[k] = OTHER_ID
        elif counts[top] >= 0.8 * totals[top]:
            y[k] = CLASS_INDEX[label]
    return x, y


def chunk(args: tuple[int, int, list[Face], tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Samples of lines [start, stop) (a unit of work for a process pool)."""
    start, stop, faces, px_range = args
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for seed in range(start, stop):
        x, y = label_candidates(make_line(seed, faces, px_range))
        if len(y) == 0:
            continue
        keep_rng = np.random.default_rng(seed + 7_000_000)
        keep = (y != OTHER_ID) | (keep_rng.random(len(y)) < OTHER_KEEP)
        xs.append(x[keep])
        ys.append(y[keep])
    if not xs:
        return np.zeros((0, 1), np.float32), np.zeros(0, np.int64)
    return np.concatenate(xs), np.concatenate(ys)
