"""Connected components with their statistics, labelled the fast way.

OpenCV's default for 8-connectivity (Spaghetti) is slow when statistics are asked for: 15 ms
on a half-resolution page of text against 5 ms for the block-based BBDT algorithm (Grana),
which scans the image in the same 2x2 blocks and order and so numbers the components the same
way, with the same statistics. Page preparation labels five images per page; this is where
their time went.
"""

from __future__ import annotations

import cv2
import numpy as np


def with_stats(binary: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """(count including the background, labels, stats) of 8-connected components, as
    `cv2.connectedComponentsWithStats(binary, connectivity=8)` returns them."""
    n, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(
        binary, 8, cv2.CV_32S, cv2.CCL_BBDT
    )
    return n, labels, stats
