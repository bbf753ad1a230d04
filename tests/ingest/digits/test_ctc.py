"""The CTC window reader: committed weights, decoding, window normalization, accuracy on
windows from font families it never saw, and its place in `reread`."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.digits import ctc
from ingest.digits.model import sha256
from ingest.digits.segment import line_geom
from tools.digits.ctc_data import windows
from tools.digits.ctc_train import VAL_DEGRADE, recipe_hash
from tools.digits.dataset import make_line
from tools.digits.fonts import faces, missing_sources


def test_weights_are_small_and_match_their_recipe() -> None:
    assert ctc.WEIGHTS.stat().st_size <= 2 * 1024 * 1024
    net = ctc.read()
    assert net.meta["sha256"] == sha256(ctc.WEIGHTS), "ctc.npz was changed by hand"
    assert net.meta["recipe_hash"] == recipe_hash(), (
        "the CTC training recipe changed since ctc.npz was trained: run `make ctc-model`; "
        f"training fonts missing here: {missing_sources() or 'none'} (`make setup` installs them)"
    )
    assert net.meta["alphabet"] == list(ctc.ALPHABET)
    assert net.out[0].shape[0] == len(ctc.ALPHABET)


def test_loads_in_milliseconds_once() -> None:
    ctc.load.cache_clear()
    t0 = time.perf_counter()
    first = ctc.load()
    assert time.perf_counter() - t0 < 0.5
    assert ctc.load() is first


def _logp(frames: list[str]) -> np.ndarray:
    """Log-probabilities that put 0.9 on each frame's symbol ("" = blank)."""
    p = np.full((len(frames), len(ctc.ALPHABET)), 0.1 / (len(ctc.ALPHABET) - 1))
    for t, ch in enumerate(frames):
        p[t, ctc.ALPHABET.index(ch)] = 0.9
    logp: np.ndarray = np.log(p)
    return logp


def test_greedy_merges_repeats_and_drops_blanks() -> None:
    got = ctc.greedy(_logp(["", "๘", "๘", "", "๘", "๔", ".", ".", "", "๑"]))
    assert got.text == "๘๘๔.๑"
    assert got.frames == (1, 4, 5, 6, 9)
    assert got.conf == pytest.approx(0.9)
    assert ctc.greedy(_logp(["", ""])).text == ""


def test_window_follows_the_baseline_and_normalizes_contrast() -> None:
    sample = make_line(11, faces(held_out=True, styles=("Regular",)), (20.0, 20.0))
    geom = line_geom(sample.gray)
    w = sample.gray.shape[1]
    win = ctc.window(sample.gray, geom, 0, w)
    assert win.shape[0] == ctc.HEIGHT
    assert abs(win.shape[1] - (w + 2 * ctc.PAD_X * geom.xh) * ctc.HEIGHT / (2 * geom.xh)) <= 2
    assert win.min() >= 0.0 and win.max() <= 1.0
    # body ink sits between the baseline row and one x-height above it
    rows = win.mean(axis=1)
    base_row = round(ctc.ABOVE * ctc.HEIGHT / (ctc.ABOVE + ctc.BELOW))
    assert rows[base_row - 12 : base_row].mean() > 3 * rows[base_row + 3 :].mean()
    # a darker scan of the same line normalizes to nearly the same window
    dark = (sample.gray.astype(np.float32) * 0.7).astype(np.uint8)
    assert np.abs(ctc.window(dark, geom, 0, w) - win).mean() < 0.05


def test_reads_windows_of_unseen_font_families() -> None:
    """Numbers cut from lines in the held-out families, degraded like the digit benchmark."""
    held = faces(held_out=True)
    net = ctc.load()
    total = exact = 0
    for seed in range(900_000, 900_060):
        sample = make_line(seed, held, (9.0, 40.0), VAL_DEGRADE)
        for img, label in windows(sample, random.Random(seed)):
            total += 1
            exact += ctc.greedy(net(img / 255.0)).text == label
    assert total > 120
    # 193/208 with the committed model (italics included); a broken export reads ~none
    assert exact / total >= 0.87, f"{exact}/{total} windows read exactly"


def test_training_windows_are_the_line_numbers_in_order() -> None:
    from bench.digits.metrics import tokens

    for seed in range(5):
        sample = make_line(seed, faces(held_out=False), (12.0, 30.0))
        labels = [lab.strip(ctc.OTHER_MARK) for _, lab in windows(sample, random.Random(seed))]
        assert all(ch in ctc.SYMBOL_INDEX for lab in labels for ch in lab)
        got = [t for lab in labels for t in tokens(lab)]
        assert got == tokens("".join(p.text for p in sample.pieces))


def _collapse(path: tuple[int, ...]) -> str:
    out, prev = [], 0
    for k in path:
        if k != 0 and k != prev:
            out.append(ctc.ALPHABET[k])
        prev = k
    return "".join(out)


@pytest.mark.parametrize("text", ["", "๑", "๑๑", "๘.", "12"])
def test_log_likelihood_sums_every_alignment(text: str) -> None:
    """The forward algorithm against brute force: every 3-frame path that collapses to text."""
    import itertools

    rng = np.random.default_rng(len(text))
    x = rng.normal(size=(3, len(ctc.ALPHABET)))
    logp = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    total = sum(
        np.exp(sum(logp[t, k] for t, k in enumerate(path)))
        for path in itertools.product(range(len(ctc.ALPHABET)), repeat=3)
        if _collapse(path) == text
    )
    assert ctc.log_likelihood(logp, text) == pytest.approx(np.log(total), rel=1e-9)
    assert ctc.log_likelihood(logp, "๑x") == -np.inf


@settings(max_examples=40, deadline=None)
@given(
    h=st.integers(1, 80),
    w=st.integers(1, 300),
    xh=st.floats(0.5, 60.0),
    base=st.floats(-50.0, 150.0),
    slope=st.floats(-0.035, 0.035),
    x0=st.floats(-100.0, 400.0),
    width=st.floats(0.0, 300.0),
    seed=st.integers(0, 2**16),
)
def test_any_window_reads_without_error(
    h: int, w: int, xh: float, base: float, slope: float, x0: float, width: float, seed: int
) -> None:
    """Windows off the crop, blank, tiny or huge: a normalized window and a distribution per
    frame, never an exception (a page of noise must not stop a batch)."""
    from ingest.digits.model import one_blas_thread
    from ingest.digits.segment import LineGeom

    gray = np.random.default_rng(seed).integers(0, 256, (h, w), dtype=np.uint8)
    win = ctc.window(gray, LineGeom(xh, base, slope), x0, x0 + width)
    assert win.shape[0] == ctc.HEIGHT and win.shape[1] >= 4
    assert np.isfinite(win).all() and win.min() >= 0.0 and win.max() <= 1.0
    with one_blas_thread():
        logp = ctc.load()(win)
    assert logp.shape == ((win.shape[1] + (-win.shape[1]) % 4) // ctc.STRIDE, len(ctc.ALPHABET))
    np.testing.assert_allclose(np.exp(logp).sum(axis=1), 1.0, rtol=1e-4)
    assert all(ch in ctc.SYMBOL_INDEX for ch in ctc.greedy(logp).text)
