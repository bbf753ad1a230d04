from __future__ import annotations

import cv2
import numpy as np
import pytest

from ingest import components


@pytest.mark.parametrize("density", [0.0, 0.02, 0.3, 0.6])
def test_same_numbering_and_stats_as_opencvs_default(density: float) -> None:
    rng = np.random.default_rng(7)
    noise = ((rng.random((301, 517)) < density) * 255).astype(np.uint8)
    image = cv2.dilate(noise, np.ones((2, 3), np.uint8))  # blobs of varied shapes
    n, labels, stats, _ = cv2.connectedComponentsWithStats(image, connectivity=8)
    got_n, got_labels, got_stats = components.with_stats(image)
    assert got_n == n
    np.testing.assert_array_equal(got_labels, labels)
    np.testing.assert_array_equal(got_stats, stats)
