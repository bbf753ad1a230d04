"""Imported once by the forkserver that batch workers are forked from.

Importing the pipeline (pandas, OpenCV, pdfium, pythainlp) and building the Thai lexicon and
word trie take ~4 s; doing it here, before any fork, means every worker (and every worker that
replaces a recycled one) starts warm, sharing those pages copy-on-write. It also pins each
worker's numeric libraries to one thread: parallelism comes from running one worker per core,
and oversubscribed thread pools only slow that down.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ["OMP_THREAD_LIMIT"] = "1"


def warm() -> None:
    """Load what the first file would otherwise pay for; idempotent and cheap once done."""
    import cv2

    cv2.setNumThreads(1)

    from pythainlp.tokenize import word_tokenize

    import itadoc.pipeline  # noqa: F401  (the whole ingest/parsers import graph)
    from parsers.thai_quality import assess

    assess("องค์การบริหารส่วนตำบล ภาษาไทย")
    word_tokenize("องค์การบริหารส่วนตำบล")


warm()
