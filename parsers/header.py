"""The memo header of a บันทึกข้อความ: ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน.

The labels come in a fixed order on the standard government memo form, so the parser walks the
lines after the title as a small state machine, matching each label once (by skeleton, so OCR
damage like "เรือง" still matches). "ที่" and "วันที่" share one line on the real form; both
the split form (text layer: two lines) and the merged form (OCR: one line) are handled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from parsers.layout import TextLine, join_lines
from parsers.thai_dates import find_date_span, parse_date
from parsers.thai_match import skeleton, starts_with_label
from parsers.warnings import WarningList
from schemas.document import Header

TITLE = "บันทึกข้อความ"
LABELS = (
    ("department", "ส่วนราชการ"),
    ("reference_no", "ที่"),
    ("date", "วันที่"),
    ("subject", "เรื่อง"),
    ("to", "เรียน"),
)
MAX_HEADER_LINES = 20
_PHONE_RE = re.compile(r"\s*โทร(?:ศัพท์|สาร)?\s*\.?\s*:?\s*(?P<phone>\d[\d\s\-–]*\d(?:\s*ต่อ\s*\d+)?)")
_DOTS_RE = re.compile(r"[.…·]{3,}|_{3,}")
_DATE_IN_LINE = re.compile(r"\s(?=(?:วันที่|วันที|วนที่|วนที|วนท)\s)")
_REF_RE = re.compile(
    r"[\u0e01-\u0e2e][\u0e01-\u0e2e\u0e31-\u0e3a\u0e47-\u0e4e]{0,4}?\.?\s?\d[\d.]*\s?/\s?(?:ว\s?)?(?:\d+|-)"
)
"""A government reference number: "อจ 71901/-", "ลพ 75601/153", "มท 0816.2/ว 1234"; the
prefix may carry marks OCR scattered on it ("ทกสฒิ 75201/612")."""


def _clean(value: str) -> str:
    return " ".join(_DOTS_RE.sub(" ", value).split()).strip(" :")


def _start(lines: Sequence[TextLine]) -> int:
    for i, line in enumerate(lines[:60]):
        if skeleton(TITLE) in skeleton(line.text):
            return i + 1
    return 0


FUZZY_MIN_LEN = 4
"""Labels whose skeleton is at least this long may match with one letter misread by OCR
("แรอง" for เรื่อง, "สวนราชภการ" for ส่วนราชการ); ที่ and วันที่ are too short for that."""


_LEADING_SPECKS = re.compile(r"^[\s.,'`\"|:;·•~^*_\-]+(?=\S)")
"""Specks OCR reads before a label (". สวนราชการ"): no label starts with punctuation."""


def _match_label(text: str, pending: list[tuple[str, str]]) -> tuple[str, str] | None:
    text = _LEADING_SPECKS.sub("", text)
    for name, label in sorted(pending, key=lambda p: -len(p[1])):
        n = starts_with_label(text, label)
        if n is not None:
            return name, text[n:]
    return _match_label_fuzzy(text, pending)


LONG_LABEL = 8
"""A label whose skeleton is at least this long (ส่วนราชการ) may match with two misread
letters ("ส่วนราชถตาร"): no other header word comes within two edits of it."""


def _edits_allowed(label: str) -> int:
    return 2 if len(skeleton(label)) >= LONG_LABEL else 1


def _match_label_fuzzy(text: str, pending: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A label whose first word is one OCR edit (two for a long label) away from exactly one
    pending label."""
    stripped = text.lstrip()
    word = stripped.split(" ", 1)[0]
    if not word or len(word) == len(stripped):
        return None  # a label is followed by its value
    sk = skeleton(word)
    close = [
        (name, label)
        for name, label in pending
        if len(skeleton(label)) >= FUZZY_MIN_LEN
        and Levenshtein.distance(sk, skeleton(label), score_cutoff=2) <= _edits_allowed(label)
    ]
    if len(close) != 1:
        return None
    name, label = close[0]
    rest = stripped[len(word) :]
    tail = rest.split(None, 1)
    # a label OCR cut short ("ส่วนราชกา") left its last letter as a speck of a word ("ธิ")
    if (
        len(tail) == 2
        and skeleton(label).startswith(sk)
        and len(skeleton(tail[0])) <= 2
        and not any(ch.isdigit() for ch in tail[0])
    ):
        rest = tail[1]
    return name, rest


def _piece(line: TextLine, text: str) -> TextLine:
    return TextLine(text.strip(), line.bbox, line.page, line.conf, line.min_conf, ocr=line.ocr)


_GLUED_LABEL = re.compile(r"ท(?=[\u0e01-\u0e2e]{2}\.?\s?\d)")
"""A ที่ label read as "ท" with its marks lost and the space after it dropped ("ทอจ 71901/-")."""


def _unglue_label(value: str) -> str:
    """The reference without a ที่ label OCR glued onto its two-letter prefix."""
    return _GLUED_LABEL.sub("", value, count=1) if _GLUED_LABEL.match(value) else value


def _unlabelled_reference(
    piece: str, pending: list[tuple[str, str]], current: str | None
) -> tuple[str, str] | None:
    """The ที่ value of a ที่ ... วันที่ ... line whose ที่ label OCR could not read."""
    if current not in (None, "department") or "reference_no" not in {n for n, _ in pending}:
        return None
    ref = _REF_RE.search(piece)
    return ("reference_no", _unglue_label(piece[ref.start() :])) if ref else None


_PREFIX_GLUED = re.compile(r"^([\u0e01-\u0e2e]{2,3}\.?)(?=\d)")


def _spaced_reference(value: str | None, lines: Sequence[TextLine]) -> str | None:
    """An OCR'd reference with the space after its prefix put back ("ขก52302/1987").

    Why: memos print "ที่ ขก ๕๒๓๐๒/๑๙๘๗" with a space (the official form); OCR drops narrow
    spaces, and a warehouse key must not depend on that. A text layer is kept as printed.
    """
    if value is None or not lines or not all(ln.ocr for ln in lines):
        return value
    return _PREFIX_GLUED.sub(r"\1 ", value, count=1)


def _trim_reference(values: dict[str, list[TextLine]]) -> None:
    """Keep only the reference number itself when OCR left debris after it."""
    ref = values.get("reference_no")
    if not ref or len(ref) != 1:
        return
    m = _REF_RE.search(ref[0].text)
    if m is not None and m.start() <= 3 and ref[0].text[m.end() :].strip():
        values["reference_no"] = [_piece(ref[0], ref[0].text[m.start() : m.end()])]


def _split_date_from_reference(values: dict[str, list[TextLine]], warnings: WarningList) -> None:
    """A วันที่ label OCR could not read leaves the date inside the ที่ value: cut it out."""
    ref = values.get("reference_no")
    if not ref:
        return
    found = find_date_span(ref[0].text)
    if found is None:
        return
    start, end, _ = found
    head = ref[0].text[:start].split()
    # drop the garbled label word just before the date ("วนท", "จนท")
    if len(head) > 1 and not any(ch.isdigit() for ch in head[-1]):
        head = head[:-1]
    if "date" not in values:
        values["date"] = [_piece(ref[0], ref[0].text[start:end])]
    values["reference_no"] = [_piece(ref[0], " ".join(head)), *ref[1:]]


def split_department(value: str) -> tuple[str, str | None]:
    """("(งานนิติการ) สำนักปลัด...", "0-45999663") from the ส่วนราชการ value."""
    m = _PHONE_RE.search(value)
    if not m:
        return _clean(value), None
    phone = _complete_number(" ".join(m.group("phone").split()))
    return _clean(value[: m.start()]), phone


_EXTENSION = re.compile(r"\s*ต่อ\s*\d+$")
_GROUPS = re.compile(r"(\s*[-–]\s*|\s+)")


def _complete_number(phone: str) -> str:
    """The phone number without digits OCR debris added after it ("0-4425-1038 4 4").

    A Thai number has 9 (landline) or 10 (mobile) digits, and its groups are joined the same
    way throughout: once 9 digits are read, or when the separator changes from "-" to a
    space, the rest is not part of the number. An extension ("ต่อ 12") is kept.
    """
    ext = _EXTENSION.search(phone)
    main, tail = (phone[: ext.start()], ext.group(0)) if ext else (phone, "")
    parts = _GROUPS.split(main)
    out, digits, kind = parts[0], len(parts[0]), None
    for sep, group in zip(parts[1::2], parts[2::2], strict=True):
        this = "-" if "-" in sep or "–" in sep else " "
        kind = kind or this
        if digits >= 9 or this != kind:
            return out
        out += sep + group
        digits += len(group)
    return out + tail


def parse_header(lines: Sequence[TextLine], warnings: WarningList) -> Header:
    """Read the memo header from the lines of the memo page(s), in reading order."""
    start = _start(lines)
    values: dict[str, list[TextLine]] = {}
    pending = list(LABELS)
    current: str | None = None
    for line in lines[start : start + MAX_HEADER_LINES]:
        text = line.text
        # OCR may put "ที่ ..." and "วันที่ ..." on one line: split before วันที่.
        pieces = _DATE_IN_LINE.split(text) if current != "subject" else [text]
        matched_any = False
        for piece in pieces:
            hit = _match_label(piece, pending)
            if hit is None and len(pieces) > 1:
                hit = _unlabelled_reference(piece, pending, current)
            if hit is None:
                continue
            name, value = hit
            # Forms differ in order (วันที่ above ที่ on some); each label is read once.
            pending = [(n, lab) for n, lab in pending if n != name]
            values[name] = [_piece(line, value)]
            current = name
            matched_any = True
        pending_names = {n for n, _ in pending}
        ref = _REF_RE.search(text) if not matched_any else None
        if ref is not None and "reference_no" in pending_names and current in (None, "department"):
            # The ที่ label itself was misread ("ท", "ขี"): the number gives the line away.
            values["reference_no"] = [_piece(line, _unglue_label(text[ref.start() :]))]
            pending = [(n, lab) for n, lab in pending if n != "reference_no"]
            current = "reference_no"
        elif not matched_any and current in ("subject", "department") and pending:
            values[current].append(line)
        if current == "to" or not pending:
            break
    # The page's text margin (body lines reach it), not just the header lines' own ends.
    header_pages = {ln.page for ln in lines[start : start + MAX_HEADER_LINES]}
    right_edge = max((ln.bbox.x1 for ln in lines if ln.page in header_pages), default=None)

    def joined(name: str) -> str | None:
        got = values.get(name)
        if not got:
            return None
        return _clean(join_lines(got, right_edge)) or None

    _split_date_from_reference(values, warnings)
    _trim_reference(values)
    department_raw = joined("department")
    department, phone = split_department(department_raw) if department_raw else (None, None)
    date_text = joined("date")
    date_iso = None
    if date_text:
        parsed = parse_date(date_text)
        if parsed is None:
            warnings.add(
                "header_date_unreadable", f"วันที่ value {date_text!r} is not a valid Thai date"
            )
        else:
            date_iso = parsed.iso()
            date_text = parsed.text
    header = Header(
        department=department or None,
        phone=phone,
        reference_no=_spaced_reference(joined("reference_no"), values.get("reference_no", [])),
        date=date_iso,
        date_text=date_text,
        subject=joined("subject"),
        to=joined("to"),
    )
    for name, label in LABELS:
        if name not in values:
            warnings.add("header_field_missing", f"memo header has no {label} ({name}) line")
    return header
