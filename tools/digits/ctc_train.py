"""Train the CTC window reader: `uv run --group ctc python -m tools.digits.ctc_train`.

Why this recipe: windows cut from the same seeded, degraded renders as the glyph classifier's
data (training font families only, plus the training-only designs of `fonts`: Arundina,
Noto Serif Thai and the SIPA fonts, which lifted the held-out digit lines by 0.2-0.3 pp), a
small CNN + 1-D conv with CTC loss trained by AdamW on two cores in about 40 minutes, then
exported to `ingest/digits/ctc.npz` with batch norm folded in, for numpy inference.
`ctc.json` records the recipe hash, the weights' sha256 and the window accuracy on held-out
font families. PyTorch is needed only here (the `ctc` dependency group), never at run time.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from dataclasses import asdict
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz.distance import Levenshtein

from ingest.digits.ctc import (
    ALPHABET,
    HEIGHT,
    META,
    STRIDE,
    SYMBOL_INDEX,
    WEIGHTS,
    CtcNet,
    greedy,
    read,
    save,
)
from tools.digits.ctc_data import CONTEXT_P, chunk
from tools.digits.fonts import HELD_OUT, faces
from tools.digits.render import Degrade
from tools.digits.train import config_digest

SEED = 20261127
N_LINES = 32000
VAL_LINES = 1500
PX_RANGE = (9.0, 40.0)
CHANNELS = (16, 32, 64, 96)
POOLS = ((2, 2), (2, 1), (2, 1), (2, 1))
SEQ = 128
EPOCHS = 10
BATCH = 64
LR = 2e-3
WORKERS = 2
CHUNK = 250
TRAIN_CTC_DEGRADE = Degrade(design_p=0.8)
"""As the glyph classifier's, but more lines get a new "design" (shear, width, warp): the
network sees whole numbers, so it learns a training family's look more easily, and more
made-up designs are what keeps it reading families it never saw."""
VAL_DEGRADE = Degrade(morph_soft=True)
"""Held-out windows are degraded like the digit benchmark's lines (soft thin/bold)."""

Window = tuple[np.ndarray, str]


def config(n_lines: int = N_LINES) -> dict[str, object]:
    """Everything that determines the model; its hash is stored with the weights."""
    return {
        "seed": SEED,
        "n_lines": n_lines,
        "px_range": PX_RANGE,
        "channels": CHANNELS,
        "pools": POOLS,
        "seq": SEQ,
        "epochs": EPOCHS,
        "batch": BATCH,
        "lr": LR,
        "alphabet": ALPHABET,
        "height": HEIGHT,
        "context_p": CONTEXT_P,
        "held_out": HELD_OUT,
        "train_faces": [f.name for f in faces(held_out=False)],
        "degrade": asdict(TRAIN_CTC_DEGRADE),
    }


def recipe_hash(n_lines: int = N_LINES) -> str:
    return config_digest(config(n_lines))


def build(start: int, n: int, held_out: bool, deg: Degrade | None = None) -> list[Window]:
    """Windows of n lines from seed `start` on, in WORKERS processes, in a fixed order."""
    fl = faces(held_out=held_out)
    jobs = [
        (s, min(s + CHUNK, start + n), fl, PX_RANGE, deg) for s in range(start, start + n, CHUNK)
    ]
    with get_context("fork").Pool(WORKERS) as pool:
        parts = pool.map(chunk, jobs)
    return [w for p in parts for w in p]


def _net() -> Any:
    import torch
    from torch import nn

    class Net(nn.Module):  # type: ignore[misc, unused-ignore]  # Any without torch installed
        def __init__(self) -> None:
            super().__init__()
            blocks: list[nn.Module] = []
            c_in, h = 1, HEIGHT
            for c, pool in zip(CHANNELS, POOLS, strict=True):
                blocks += [
                    nn.Conv2d(c_in, c, 3, padding=1, bias=False),
                    nn.BatchNorm2d(c),
                    nn.ReLU(),
                    nn.MaxPool2d(pool),
                ]
                c_in, h = c, h // pool[0]
            self.convs = nn.Sequential(*blocks)
            self.seq = nn.Conv1d(c_in * h, SEQ, 3, padding=1)
            self.drop = nn.Dropout(0.2)
            self.out = nn.Linear(SEQ, len(ALPHABET))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            f = self.convs(x)  # B, C, H, T
            b, c, h, t = f.shape
            f = f.reshape(b, c * h, t)
            f = torch.relu(self.seq(f)).transpose(1, 2)  # B, T, S
            return torch.log_softmax(self.out(self.drop(f)), dim=2)

    return Net()


def _batch(items: list[Window]) -> tuple[Any, Any, Any, Any]:
    import torch

    width = max(x.shape[1] for x, _ in items)
    width += (-width) % (2 * STRIDE)
    x = np.zeros((len(items), 1, HEIGHT, width), np.float32)
    for k, (img, _) in enumerate(items):
        x[k, 0, :, : img.shape[1]] = img / 255.0
    targets = [SYMBOL_INDEX[c] for _, lab in items for c in lab]
    in_lens = [width // STRIDE] * len(items)
    tgt_lens = [len(lab) for _, lab in items]
    return (
        torch.from_numpy(x),
        torch.tensor(targets, dtype=torch.long),
        torch.tensor(in_lens, dtype=torch.long),
        torch.tensor(tgt_lens, dtype=torch.long),
    )


def _batches(data: list[Window], rng: random.Random) -> list[list[Window]]:
    """Batches of similar width (little padding), in random order."""
    order = sorted(range(len(data)), key=lambda k: (data[k][0].shape[1], rng.random()))
    groups = [order[k : k + BATCH] for k in range(0, len(order), BATCH)]
    rng.shuffle(groups)
    return [[data[k] for k in g] for g in groups]


def export(model: Any) -> CtcNet:
    """Fold batch norm into the conv weights and copy everything into numpy."""
    convs: list[tuple[np.ndarray, np.ndarray, tuple[int, int]]] = []
    mods = list(model.convs)
    for k in range(0, len(mods), 4):
        conv, bn, pool = mods[k], mods[k + 1], mods[k + 3]
        scale = (bn.weight / (bn.running_var + bn.eps).sqrt()).detach().numpy()
        w = conv.weight.detach().numpy() * scale[:, None, None, None]
        b = bn.bias.detach().numpy() - bn.running_mean.detach().numpy() * scale
        ph, pw = (
            pool.kernel_size if isinstance(pool.kernel_size, tuple) else (pool.kernel_size,) * 2
        )
        convs.append((w.astype(np.float32), b.astype(np.float32), (int(ph), int(pw))))
    seq = (model.seq.weight.detach().numpy(), model.seq.bias.detach().numpy())
    out = (model.out.weight.detach().numpy(), model.out.bias.detach().numpy())
    return CtcNet(tuple(convs), seq, out, {})


def evaluate(net: CtcNet, data: list[Window]) -> dict[str, float]:
    """Window exact match and character accuracy (edit distance) of the numpy network."""
    exact, errs, total = 0, 0, 0
    for img, lab in data:
        got = greedy(net(img / 255.0)).text
        exact += got == lab
        errs += Levenshtein.distance(got, lab)
        total += len(lab)
    return {"window_exact": exact / len(data), "char_acc": 1 - errs / max(1, total)}


def train(data: list[Window], val: list[Window]) -> Any:
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(WORKERS)
    rng = random.Random(SEED)
    model = _net()
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=1e-4)
    steps = EPOCHS * math.ceil(len(data) / BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.1)
    loss_fn = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    for epoch in range(EPOCHS):
        model.train()
        t0, total, n = time.time(), 0.0, 0
        for items in _batches(data, rng):
            x, tg, il, tl = _batch(items)
            logp = model(x).transpose(0, 1)  # T, B, C
            loss = loss_fn(logp, tg, il, tl)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sched.step()
            total, n = total + float(loss.detach()) * len(items), n + len(items)
        model.eval()
        scores = evaluate(export(model), val[:1500])
        print(
            f"epoch {epoch + 1}: loss {total / n:.4f} val {scores} {time.time() - t0:.0f}s",
            flush=True,
        )
    model.eval()
    return model


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lines", type=int, default=N_LINES, help="training lines to render")
    ap.add_argument("--out", default=str(WEIGHTS), help="weights file (.npz)")
    ap.add_argument("--cache", default="", help="keep the rendered windows in this .npz")
    args = ap.parse_args(argv)
    t0 = time.time()
    data = _cached(args.cache, "train", lambda: build(SEED, args.lines, False, TRAIN_CTC_DEGRADE))
    val = _cached(args.cache, "val", lambda: build(SEED + 10_000_000, VAL_LINES, True, VAL_DEGRADE))
    print(f"windows {len(data)} train, {len(val)} held-out, {time.time() - t0:.0f}s", flush=True)
    model = train(data, val)
    out = Path(args.out)
    digest = save(out, export(model))
    meta_path = out.with_suffix(".json") if out != WEIGHTS else META
    net = read(out, meta_path)
    meta = {
        "recipe_hash": recipe_hash(args.lines),
        "sha256": digest,
        "alphabet": list(ALPHABET),
        "held_out_families": list(HELD_OUT),
        "n_train_windows": len(data),
        "held_out_window_scores": evaluate(net, val),
        "train_seconds": round(time.time() - t0),
    }
    meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1, ensure_ascii=False))


def _cached(path: str, name: str, make: Any) -> list[Window]:
    """`make()`'s windows, stored in / read from `path` + name (for re-runs while tuning)."""
    if not path:
        result: list[Window] = make()
        return result
    f = Path(f"{path}.{name}.npz")
    if f.exists():
        with np.load(f, allow_pickle=True) as z:
            return list(zip(list(z["imgs"]), [str(s) for s in z["labels"]], strict=True))
    data: list[Window] = make()
    imgs = np.empty(len(data), object)
    imgs[:] = [x for x, _ in data]
    np.savez(f, imgs=imgs, labels=np.array([lab for _, lab in data]))
    return data


if __name__ == "__main__":
    main()
