"""The assessed organization: canonical name, district and province.

Real reports spell their own name several ways (the seed: จานลาน / จางลาน / จาลาน) and even the
district (อำเภอพนา / อำเภอนา). Every mention is collected from the whole document; the form used
most wins (ties: the first seen), and the others are reported as warnings for an auditor. Thai
has no spaces between words, so where a name ends is decided with the dictionary tokenizer and a
list of words that cannot be part of a place name.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from parsers.layout import TextLine
from parsers.places import agreed_district, clear_winner, districts, known_district
from parsers.thai_match import skeleton
from parsers.warnings import WarningList
from schemas.document import Organization

ORG_PREFIXES = (
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
)
_STOP_WORDS = frozenset(
    [
        "ได้",
        "ที่",
        "ซึ่ง",
        "และ",
        "จะ",
        "มี",
        "ทุก",
        "ประจำ",
        "ประจำปี",
        "อำเภอ",
        "จังหวัด",
        "ทั้ง",
        "โดย",
        "เพื่อ",
        "ให้",
        "ใน",
        "ของ",
        "เป็น",
        "ไม่",
        "ว่า",
        "แล้ว",
        "จึง",
        "ตาม",
        "หวัง",
        "ขอ",
        "ทาง",
        "ณ",
        "กับ",
        "แก่",
        "ต่อ",
        "ถึง",
        "นั้น",
        "นี้",
        "เรื่อง",
        "หรือ",
        "ด้วย",
        "ยัง",
        "ได้รับ",
        "ดำเนินการ",
        "มอบ",
        "สรุป",
        "กำหนด",
        "ประกาศ",
        "เห็น",
        "คำสั่ง",
        "ความ",
        "การ",
        "โทร",
        "โทรศัพท์",
        "ตั้ง",
        "อยู่",
        "ปี",
        "งบประมาณ",
        "พ.ศ.",
        "รายงาน",
        "ผล",
        "ขอรายงาน",
        "ส่วน",
        "สำนัก",
        "กอง",
        "งาน",
        "ฝ่าย",
        "ปลัด",
        "นายก",
        "รอง",
        "ต่อไป",
        "ดังนี้",
        "ดังกล่าว",
        "ทั้งนี้",
        "นั้น",
    ]
)
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+(?:\n[\u0e01-\u0e4e]+)?")
"""A name may be wrapped onto the next line ("เทศบาลตำบลคลอง" / "หินปูน")."""


@functools.lru_cache(maxsize=4096)
def _name_after(text: str) -> str:
    """The place name at the start of `text` (no spaces; stops at function words)."""
    from pythainlp.tokenize import word_tokenize

    m = _THAI_RUN.match(text)
    if not m:
        return ""
    run = m.group(0).replace("\n", "")[:40]
    tokens = word_tokenize(run, engine="newmm", keep_whitespace=False)
    name = ""
    for tok in tokens:
        if name and (tok in _STOP_WORDS or any(tok.startswith(p) for p in ORG_PREFIXES)):
            break
        name += tok
    return name


def _mentions(text: str, prefixes: Sequence[str], pattern: str = r"\s*") -> list[tuple[str, str]]:
    """(prefix, name) for each occurrence of a prefix followed by a name."""
    return [(prefix, name) for prefix, name, _ in _mention_spans(text, prefixes, pattern)]


def _mention_spans(
    text: str, prefixes: Sequence[str], pattern: str = r"\s*"
) -> list[tuple[str, str, int]]:
    """(prefix, name, where the name starts in `text`) for each prefix followed by a name."""
    out = []
    for prefix in prefixes:
        for m in re.finditer(re.escape(prefix) + pattern, text):
            if prefix != prefixes[0] and any(
                text.startswith(longer, m.start())
                for longer in prefixes
                if len(longer) > len(prefix)
            ):
                continue
            name = _name_after(text[m.end() :])
            if name:
                out.append((prefix, name, m.end()))
    return out


_SPLIT_TAIL = re.compile(r" ([\u0e01-\u0e4e]{1,6})(?![\u0e01-\u0e4e])")
"""The rest of a word OCR cut at a faint vowel: "อำเภอกมลา สย" (กมลาไสย)."""


def _district(text: str, start: int, read: str, warnings: WarningList) -> str:
    """An OCR'd district checked against the gazetteer (`parsers.places`), else as read.

    A reading that is not a district may be the name with marks lost ("วังนำเย็น") or cut in
    two by a space ("กมลา สย"): the joined form is tried too. A change is always reported.
    """
    if read in districts():
        return read
    tries = [read]
    if text.startswith(read, start):
        tail = _SPLIT_TAIL.match(text, start + len(read))
        if tail:
            tries.insert(0, read + tail.group(1))
    for candidate in tries:
        fixed = known_district(candidate)
        if fixed is not None:
            warnings.add(
                "district_corrected",
                f"the district reads {candidate!r} (by OCR or in a repaired text layer); the "
                f"closest real district, {fixed!r}, is used",
            )
            return fixed
    return read


_MISREAD_AMPHOE = re.compile(r"อ(?:ำ|ํา)เ[\u0e01-\u0e2e][\u0e48-\u0e4b]?อ\s*")
"""อำเภอ with its middle consonant misread (and a tone mark the repairs put on the result:
"อำเก้อ")."""


def _pick(
    values: list[tuple[str, str]], real: Callable[[str], bool] = lambda _: False
) -> tuple[str | None, list[str]]:
    """Most frequent (prefix, name) (ties: first seen) and the other spellings of it, in order;
    a name `real` accepts (a district in the gazetteer) before any it does not.

    Another spelling has the same prefix and a name at least half similar (by skeleton); a
    different place named in the document is not a variant.
    """
    if not values:
        return None, []
    counts = Counter(values)
    best = max(counts, key=lambda v: (real(v[1]), counts[v], -values.index(v)))
    others = []
    for v in dict.fromkeys(values):
        # The canonical name followed by other words, or cut short by a line end, is not a
        # different spelling.
        if v == best or v[0] != best[0] or v[1].startswith(best[1]) or best[1].startswith(v[1]):
            continue
        if Levenshtein.normalized_similarity(skeleton(v[1]), skeleton(best[1])) >= 0.5:
            others.append(v[0] + v[1])
    return best[0] + best[1], others


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    from pythainlp.corpus import provinces as _provinces

    names = {str(p["name_th"]) for p in _provinces(details=True)}  # type: ignore[index]
    return tuple(sorted(names, key=len, reverse=True))


def _province_at(text: str) -> str | None:
    for name in provinces():
        if text.startswith(name):
            return name
    head = skeleton(text[:25])
    for name in provinces():
        if head.startswith(skeleton(name)):
            return name
    return _province_near(text)


def _province_near(text: str) -> str | None:
    """The province a garbled reading ("นครราชลอี มา") is clearly closest to, else None.

    OCR splits and misreads the name itself; the 77 names are far apart, so one clearly
    closest name is the one meant (`places.clear_winner`, as for districts). Compared over the
    name's own length (one letter more or less), spaces dropped; names of under four letters
    are never guessed.
    """
    squeezed = skeleton(text[:30].replace(" ", ""))
    scored = [
        (
            name,
            max(Levenshtein.normalized_similarity(sk, squeezed[: len(sk) + d]) for d in (-1, 0, 1)),
        )
        for name in provinces()
        if len(sk := skeleton(name)) >= 4
    ]
    return clear_winner(scored)


def parse_organization(lines: Sequence[TextLine], warnings: WarningList) -> Organization:
    """Organization name, district and province from every line of the document."""
    text = "\n".join(line.text for line in lines)
    orgs = _mentions(text, ORG_PREFIXES)
    # The main organization is of the most frequent kind (อบต./เทศบาล...), then most frequent name.
    name, variants = _pick(orgs)
    if name is None:
        warnings.add("organization_not_found", "no องค์การบริหารส่วนตำบล/เทศบาล name was found")
    for v in variants:
        warnings.add("organization_name_variant", f"the document also spells the name {v!r}")

    spans = _mention_spans(text, ("อำเภอ",))
    spans += _mention_spans(text, ("อ.",), pattern=r"(?=[\u0e01-\u0e2e]{2})")
    # A text layer's spelling is the author's and is kept; only mentions OCR read or a broken
    # layer's repair rebuilt are corrected.
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line.text) + 1

    def _was_read(at: int) -> bool:
        """Whether the mention at `at` was read (OCR, or a broken text layer rebuilt)."""
        line = lines[bisect_right(starts, at) - 1]
        return line.ocr or line.repaired

    # OCR misreads the label's ภ as well ("อำเกอเมืองนครราชสีมา"): such a mention counts when
    # what follows it is a real district
    for m in _MISREAD_AMPHOE.finditer(text):
        if text.startswith("อำเภอ", m.start()) or not _was_read(m.start()):
            continue
        place = _name_after(text[m.end() :])
        if place and known_district(place) is not None:
            spans.append(("อำเภอ", place, m.end()))
    read = [_was_read(start) for _, _, start in spans]
    found_districts = [
        ("", _district(text, start, n, warnings) if was_read else n)
        for (_, n, start), was_read in zip(spans, read, strict=True)
    ]
    ocr_reads = [n for (_, n), was_read in zip(found_districts, read, strict=True) if was_read]
    if ocr_reads and not any(n in districts() for _, n in found_districts):
        agreed = agreed_district(ocr_reads)
        if agreed is not None:
            warnings.add(
                "district_corrected",
                f"the district reads {', '.join(map(repr, dict.fromkeys(ocr_reads)))}; "
                f"the one real district close to every reading, {agreed!r}, is used",
            )
            found_districts = [("", agreed if n in ocr_reads else n) for _, n in found_districts]
    # a broken text layer that lost a mark in one mention ("วังนำเย็น") does not outvote the
    # real name written elsewhere
    district, d_variants = _pick(found_districts, real=lambda n: n in districts())
    for v in d_variants:
        warnings.add("district_variant", f"the document also names the district {v!r}")
    if district is None:
        warnings.add("district_not_found", "no อำเภอ (district) was found")

    found_provinces = []
    for m in re.finditer(r"(?:จังหวัด|จ\.)\s*", text):
        p = _province_at(text[m.end() :])
        if p:
            found_provinces.append(("", p))
    province, p_variants = _pick(found_provinces)
    for v in p_variants:
        warnings.add("province_variant", f"the document also names the province {v!r}")
    if province is None:
        warnings.add("province_not_found", "no จังหวัด (province) was found")
    return Organization(name=name, district=district, province=province, name_variants=variants)
