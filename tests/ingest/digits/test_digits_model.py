"""The committed model is small, loads fast, and is the one the training recipe produces."""

from __future__ import annotations

import time

import numpy as np

from ingest.digits import model
from ingest.digits.features import FEATURE_VERSION, N_FEATURES
from tools.digits.fonts import missing_sources
from tools.digits.train import recipe_hash


def test_model_file_is_small_and_matches_its_metadata() -> None:
    assert model.WEIGHTS.stat().st_size <= 2 * 1024 * 1024
    m = model.read()
    assert m.meta["sha256"] == model.sha256(model.WEIGHTS), "model.npz was changed by hand"
    assert m.meta["recipe_hash"] == recipe_hash(), (
        "the training recipe changed since model.npz was trained: "
        "run `make digits-model`; training fonts missing here: "
        f"{missing_sources() or 'none'} (`make setup` installs them)"
    )
    assert m.meta["classes"] == list(model.CLASSES)
    assert m.meta["feature_version"] == FEATURE_VERSION
    assert m.layers[0][0].shape[0] == N_FEATURES
    assert m.layers[-1][0].shape[1] == len(model.CLASSES)


def test_model_loads_in_milliseconds_and_is_cached() -> None:
    model.load.cache_clear()
    t0 = time.perf_counter()
    first = model.load()
    elapsed = time.perf_counter() - t0
    assert elapsed < 0.5
    assert model.load() is first


def test_probabilities_are_a_distribution() -> None:
    m = model.load()
    x = np.random.default_rng(0).random((5, N_FEATURES), dtype=np.float32)
    p = m.predict_proba(x)
    assert p.shape == (5, len(model.CLASSES))
    assert np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-5)
