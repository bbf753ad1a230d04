"""The glyph classifier: class list, weights file, numpy inference.

Why numpy and an .npz: the model is a small multilayer perceptron; its forward pass is three
matrix products, so the run time needs neither scikit-learn nor a deep-learning runtime, the
file is a few hundred kB, and loading it takes milliseconds. It is loaded lazily, once per
process. `model.json` beside it records the training recipe hash and the weights' sha256, so a
test can tell that the committed file is the one `python -m tools.digits.train` writes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
PUNCT = ".,/-:%"
OTHER = "<other>"
JUNK = "<junk>"
CLASSES: tuple[str, ...] = (*THAI_DIGITS, *ARABIC_DIGITS, *PUNCT, OTHER, JUNK)
CLASS_INDEX = {c: i for i, c in enumerate(CLASSES)}
OTHER_ID = CLASS_INDEX[OTHER]
JUNK_ID = CLASS_INDEX[JUNK]
DIGIT_IDS = frozenset(range(20))
NUMBER_PUNCT = frozenset(CLASS_INDEX[c] for c in ".,/-:")

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS = MODEL_DIR / "model.npz"
META = MODEL_DIR / "model.json"


@dataclass(frozen=True, slots=True)
class Mlp:
    """A ReLU multilayer perceptron with input standardization and a softmax output."""

    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    meta: dict[str, Any]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per feature row.

        BLAS is held to one thread: these products are small, and OpenBLAS's threads, spinning
        on cores that tesseract workers already fill, made a page ~50x slower when measured.
        """
        ctl = _blas_controller()
        if ctl is None:
            return self._forward(x)
        with ctl.limit(limits=1, user_api="blas"):
            return self._forward(x)

    def _forward(self, x: np.ndarray) -> np.ndarray:
        h: np.ndarray = (x.astype(np.float32) - self.mean) * self.scale
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i + 1 < len(self.layers):
                np.maximum(h, 0, out=h)
        h -= h.max(axis=1, keepdims=True)
        np.exp(h, out=h)
        h /= h.sum(axis=1, keepdims=True)
        return h


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Hold BLAS to one thread for a block of small products (see `Mlp.predict_proba`)."""
    ctl = _blas_controller()
    if ctl is None:
        yield
        return
    with ctl.limit(limits=1, user_api="blas"):
        yield


@functools.cache
def _blas_controller() -> Any:
    """threadpoolctl's controller when installed (it comes with scikit-learn), else None."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return ThreadpoolController()


def save(path: Path, mean: np.ndarray, scale: np.ndarray, layers: list[tuple[Any, Any]]) -> str:
    """Write weights as float16 (halves the file, no measurable accuracy cost); return sha256."""
    arrays: dict[str, np.ndarray] = {
        "mean": mean.astype(np.float32),
        "scale": scale.astype(np.float32),
    }
    for i, (w, b) in enumerate(layers):
        arrays[f"w{i}"] = np.asarray(w, np.float16)
        arrays[f"b{i}"] = np.asarray(b, np.float16)
    with path.open("wb") as f:
        np.savez_compressed(f, **arrays)  # type: ignore[arg-type]
    return sha256(path)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(weights: Path = WEIGHTS, meta: Path = META) -> Mlp:
    """Load a model file (uncached; `load` is the cached entry point)."""
    with np.load(weights) as z:
        n = sum(1 for k in z.files if k.startswith("w"))
        layers = tuple(
            (z[f"w{i}"].astype(np.float32), z[f"b{i}"].astype(np.float32)) for i in range(n)
        )
        mean, scale = z["mean"].astype(np.float32), z["scale"].astype(np.float32)
    info: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
    return Mlp(mean, scale, layers, info)


@functools.cache
def load() -> Mlp:
    """The committed model, loaded on first use and kept for the life of the process."""
    return read()
