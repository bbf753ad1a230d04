"""Thai district names, to check and repair districts that were read by OCR.

Tesseract's Thai model drops tone marks ("วังนำเย็น" for วังน้ำเย็น) and splits words at a
faint vowel ("กมลา สย" for กมลาไสย), and a district name is a proper noun the dictionary-based
repairs know nothing about. Checking an OCR'd name against the list of real districts catches
both. The list is pythainlp's Volubilis lexicon's "อำเภอ…" entries (about 860 of Thailand's 878
districts), shipped with pythainlp, so nothing is downloaded and nothing is committed here.

Only OCR'd names are ever changed, only towards a single clearly closest district, and always
with a warning that keeps what was read: a district missing from the list is left as read.
"""

from __future__ import annotations

import functools

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from parsers.thai_match import skeleton

_GENERIC = frozenset({"", "เมือง", "ใจ", "ชายแดน"})
"""Volubilis entries that start with อำเภอ but are not one district ("อำเภอใจ" is a word)."""
MIN_SIMILARITY = 0.8
"""Skeleton similarity an OCR reading needs to be snapped to a district: one letter in seven
may be wrong ("กมลาสย" → กมลาไสย is 0.86); two in a short name may not."""
MARGIN = 0.1
"""The runner-up must be at least this much less similar, or the reading is ambiguous."""


@functools.lru_cache(maxsize=1)
def districts() -> frozenset[str]:
    """District names without the word อำเภอ ("พนา", "เมืองขอนแก่น")."""
    from pythainlp.corpus import thai_volubilis_words

    return frozenset(
        name
        for word in thai_volubilis_words()
        if word.startswith("อำเภอ")
        and (name := word[len("อำเภอ") :]) not in _GENERIC
        and "." not in name
    )


@functools.lru_cache(maxsize=1)
def _skeletons() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name in sorted(districts()):
        out.setdefault(skeleton(name), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4096)
def known_district(read: str) -> str | None:
    """The district `read` (an OCR reading) most likely is, or None when that is not clear.

    Exact names come back unchanged. Otherwise the comparison is on skeletons (no tone marks or
    upper/lower vowels, which OCR loses most), first for equality, then by edit distance.
    """
    if read in districts():
        return read
    sk = skeleton(read)
    if not sk:
        return None
    same = _skeletons().get(sk)
    if same is not None:
        return same[0] if len(same) == 1 else None
    best = process.extract(
        sk, list(_skeletons()), scorer=Levenshtein.normalized_similarity, limit=2
    )
    if not best or best[0][1] < MIN_SIMILARITY:
        return None
    if len(best) > 1 and best[0][1] - best[1][1] < MARGIN:
        return None
    names = _skeletons()[best[0][0]]
    return names[0] if len(names) == 1 else None
