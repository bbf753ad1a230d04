"""Tests for parsers.thai_text.repair (and the PUA table it uses)."""

from __future__ import annotations

import glob
import itertools
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

from parsers.pua import PUA_TABLE
from parsers.thai_lexicon import CONSONANTS, THAI_LETTERS, lexicon
from parsers.thai_text import decode_mojibake, repair

DATA = Path(__file__).parent / "data" / "thai_gov_sentences.txt"
SENTENCES = [s for s in DATA.read_text(encoding="utf-8").splitlines() if s.strip()]


# --- example tests -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        # sara am split into nikhahit + sara aa, nikhahit before the tone mark
        ("สํานักปลัด", "สำนักปลัด"),
        ("นํ้า", "น้ำ"),
        ("น ํ ้ า", "น้ำ"),
        ("ประจําปี", "ประจำปี"),
        ("น้ ํา", "น้ำ"),
        ("นำ้", "น้ำ"),  # tone typed after sara am
        # lost nikhahit: a space where the ring was
        ("ส านัก", "สำนัก"),
        ("ค าสั่ง", "คำสั่ง"),
        ("ค าว่า", "คำว่า"),
        ("ด าเนินการ", "ดำเนินการ"),
        ("จ านวน", "จำนวน"),
        ("ท าให้", "ทำให้"),
        ("ต าม", "ตาม"),  # here it was a plain inserted space
        # spaces inserted inside words
        ("สำ นักปลัด", "สำนักปลัด"),
        ("เป็ น", "เป็น"),
        ("ก า ร", "การ"),
        ("ก า ร ป ร ะ ชุ ม", "การประชุม"),
        ("ประ ชุม", "ประชุม"),
        # detached marks
        ("ผู ้บริหาร", "ผู้บริหาร"),
        ("ที ่", "ที่"),
        ("ทา่น", "ท่าน"),
        ("ตามทีอ\n่ งค์การ", "ตามที่\nองค์การ"),
        # canonical order, duplicates
        ("กิ่น", "กิ่น"),
        ("ก่ิน", "กิ่น"),
        ("ที่่", "ที่"),
        ("กุ่ม", "กุ่ม"),
        # PUA glyph variants
        ("ป\uf70bาย", "ป้าย"),
        ("ผู\uf70bบริหาร", "ผู้บริหาร"),
        ("ป\uf701ด", "ปิด"),
        ("ฐ\uf718", "ฐุ"),
        ("\uf700ุ", "ฐุ"),
        ("องค\uf70eการ", "องค์การ"),
        # junk
        ("สำ\u200bนัก", "สำนัก"),
        ("สำนัก\u00adงาน", "สำนักงาน"),
        ("สำนัก\ufffdงาน", "สำนักงาน"),
        ("a\ufffdb", "a\ufffdb"),
        ("สำนัก\x07งาน", "สำนักงาน"),
        # mojibake
        ("ÊÓ¹Ñ¡»ÅÑ´", "สำนักปลัด"),
        ("à¸ªà¸³à¸™à¸±à¸\x81", "สำนัก"),
    ],
)
def test_repairs(broken: str, expected: str) -> None:
    assert repair(broken) == expected


@pytest.mark.parametrize(
    "text",
    [
        "สำนักปลัด องค์การบริหารส่วนตำบลจางลาน",
        "ประจำปีงบประมาณ ๒๕๖๖",
        "พ.ศ. ๒๕๖๖",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "ตาม ที่",
        "โรง เรียน",
        "ต่าง ๆ",
        "ณ ห้องประชุม",
        "กรุงเทพฯ ประเทศไทย",
        "Hello world ภาษาไทย https://www.janglan.go.th/ita?id=5",
        "Café naïve Größe – “quoted” © 2024",
        "โทร. ๐ ๔๔๒๕ ๖๗๘๙ หรือ 044-256789",
        "คะแนน ITA ๙๒.๔๕ คะแนน (ระดับ A)",
        "บรรทัดแรก\nบรรทัดที่สอง\n\n  ย่อหน้า",
        "",
    ],
)
def test_leaves_wellformed_text_alone(text: str) -> None:
    assert repair(text) == text


def test_fixture_sentences_are_unchanged() -> None:
    changed = [s for s in SENTENCES if repair(s) != s]
    assert changed == []
    page = "\n".join(SENTENCES)
    assert repair(page) == page


def test_decode_mojibake() -> None:
    assert decode_mojibake("ÊÓ¹Ñ¡»ÅÑ´ 2566") == "สำนักปลัด 2566"
    assert decode_mojibake("สำนักปลัด") is None
    assert decode_mojibake("Größe") is None
    assert decode_mojibake("ÿþýüÿþ") is None  # not TIS-620: no Thai reading


def test_pua_table_matches_tlwg_fonts() -> None:
    """The PUA table is the one the TLWG fonts' glyph names describe."""
    from fontTools.ttLib import TTFont

    fonts = [
        f
        for f in glob.glob("/usr/share/fonts/truetype/tlwg/*.ttf")
        if not re.search(r"Bold|Oblique|Italic|Light", f)
    ]
    assert fonts, "fonts-thai-tlwg is not installed (make setup installs it)"
    name_re = re.compile(r"^uni(0E[0-9A-F]{2})\.(descless|left|low|low_left|high|alt1)$")
    checked = 0
    for path in fonts:
        cmap = TTFont(path).getBestCmap()
        for cp, glyph in cmap.items():
            m = name_re.match(glyph)
            if 0xF700 <= cp <= 0xF71F and m:
                assert PUA_TABLE[cp] == chr(int(m.group(1), 16)), (path, hex(cp), glyph)
                checked += 1
    assert checked >= 300


# --- property tests --------------------------------------------------------------------
def _plain_words() -> list[str]:
    lex = lexicon()
    return sorted(
        w
        for w in thai_words()
        if all(c in THAI_LETTERS for c in w)
        and w not in lex.bound_head
        and w not in lex.bound_tail
        and len(w) >= 2
        # a mark on sara aa is a typo in the word list ("รักษาู"), not well-formed text
        and re.search("[\u0e32\u0e33][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", w) is None
    )


WORDS = _plain_words()
LATIN = ["ITA", "OIT", "e-Service", "www.janglan.go.th", "PDF", "COVID-19"]
PUNCT = ["(", ")", ",", ":", "/", "-", '"']
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.text(alphabet=THAI_DIGITS, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=99999).map(str),
    st.sampled_from(LATIN),
)
joiner = st.sampled_from(["", "", "", " ", " ", "\n"])


@st.composite
def wellformed(draw: st.DrawFn) -> str:
    toks: list[str] = draw(st.lists(token, min_size=1, max_size=12))
    out = toks[0]
    for t in toks[1:]:
        j: str = draw(joiner)
        # Thai words are written together or with a space; everything else is
        # separated from Thai by a space, as in Thai typesetting.
        if not (out[-1] in THAI_LETTERS and t[0] in THAI_LETTERS) and j == "":
            j = " "
        if draw(st.booleans()) and j == " ":
            j = draw(st.sampled_from([" ", " , ", " (", ") "]))
        out += j + t
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wellformed())
def test_wellformed_text_is_unchanged(text: str) -> None:
    assert repair(text) == text


THAI_ALPHABET = "".join(chr(c) for c in range(0x0E01, 0x0E2F)) + "ะาำเแโใไๅ" + "ัิีึืฺุู็่้๊๋์ํ" + "  \n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=THAI_ALPHABET, max_size=40))
def test_idempotent(text: str) -> None:
    once = repair(text)
    assert repair(once) == once


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=THAI_ALPHABET, max_size=40))
def test_consonants_preserved(text: str) -> None:
    def consonants(s: str) -> Counter[str]:
        return Counter(c for c in s if c in CONSONANTS)

    assert consonants(repair(text)) == consonants(text)


# --- PDF-extraction damage over the sentence fixture ---------------------------------
TONES = "\u0e48\u0e49\u0e4a\u0e4b"
UPPER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"
LOWER = "\u0e38\u0e39\u0e3a"
MARKS = UPPER + LOWER + TONES + "\u0e4c\u0e4d"
CONS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))


def split_am(s: str) -> str:
    """ำ -> ํ า, and tone + ำ -> ํ tone า (what NFKD-ing extractors emit)."""
    out: list[str] = []
    for c in s:
        if c == "\u0e33":
            if out and out[-1] in TONES:
                t = out.pop()
                out += ["\u0e4d", t, "\u0e32"]
            else:
                out += ["\u0e4d", "\u0e32"]
        else:
            out.append(c)
    return "".join(out)


def lose_nikhahit(s: str) -> str:
    """The ring of ำ is lost and leaves a gap: สำนัก -> ส านัก."""
    return s.replace("\u0e33", " \u0e32")


def to_pua(s: str) -> str:
    """Map marks to the positional variants a pre-OpenType Thai font would use."""
    out = list(s)
    for i, c in enumerate(s):
        prev = s[i - 1] if i else ""
        b = i - 1
        while b >= 0 and s[b] in MARKS:
            b -= 1
        base = s[b] if b >= 0 else ""
        has_upper = any(m in UPPER for m in s[b + 1 : i])
        if c in TONES + "\u0e4c":
            k = (TONES + "\u0e4c").index(c)
            if base in "ปฝฟฬ":
                out[i] = chr((0xF713 if has_upper else 0xF705) + k)
            elif not has_upper:
                out[i] = chr(0xF70A + k)
        elif c in "\u0e34\u0e35\u0e36\u0e37" and base in "ปฝฟฬ":
            out[i] = chr(0xF701 + "\u0e34\u0e35\u0e36\u0e37".index(c))
        elif c == "\u0e31" and base in "ปฝฟฬ":
            out[i] = "\uf710"
        elif c == "\u0e47" and base in "ปฝฟฬ":
            out[i] = "\uf712"
        elif c in LOWER and prev in "ฎฏ":
            out[i] = chr(0xF718 + LOWER.index(c))
        elif c in LOWER and prev in "ฐญ":
            out[i - 1] = "\uf700" if prev == "ฐ" else "\uf70f"
    return "".join(out)


def _word_spans(s: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for w in word_tokenize(s, engine="newmm", keep_whitespace=True):
        spans.append((pos, pos + len(w)))
        pos += len(w)
    return spans


def detach_tones(s: str, rng: random.Random, p: float = 0.3) -> str:
    """A tone mark behind a space: ผู้บริหาร -> ผู ้บริหาร."""
    out: list[str] = []
    for c in s:
        if c in TONES and out and out[-1] in CONS + UPPER + LOWER and rng.random() < p:
            out.append(" " + c)
        else:
            out.append(c)
    return "".join(out)


def spaces_inside_words(s: str, rng: random.Random, p: float = 0.3) -> str:
    """A gap after a zero-width mark inside a word, as pdfminer reports it: เป็ น."""
    inside: set[int] = set()
    for a, b in _word_spans(s):
        inside.update(range(a + 1, b))
    out: list[str] = []
    for i, c in enumerate(s):
        out.append(c)
        if (
            (i + 1) in inside
            and (c in MARKS or c == "\u0e33")
            and s[i + 1] not in MARKS + "\u0e33\u0e32\u0e30"
            and rng.random() < p
        ):
            out.append(" ")
    return "".join(out)


def letterspace(s: str, rng: random.Random) -> str:
    """Distributed justification: every cluster of one phrase spaced out."""
    phrases = [m.span() for m in re.finditer("[\u0e01-\u0e4e]{3,}", s)]
    if not phrases:
        return s
    a, b = rng.choice(phrases)
    units: list[str] = []
    cur = ""
    for ch in s[a:b]:
        if ch in MARKS or ch == "\u0e33":
            cur += ch
        else:
            if cur:
                units.append(cur)
            cur = ch
    units.append(cur)
    return s[:a] + " ".join(units) + s[b:]


def displaced_linebreak(s: str, rng: random.Random) -> tuple[str, str] | None:
    """ตามที่องค์การ broken at a line end as "ตามทีอ\\n่ งค์การ"; the best reading is
    "ตามที่\\nองค์การ"."""
    spans = _word_spans(s)
    options = [
        b1
        for (_a1, b1), (a2, b2) in itertools.pairwise(spans)
        if b1 == a2
        and s[b1 - 1] in TONES
        and s[a2] in CONS
        and b2 - a2 >= 2
        and s[a2 + 1] not in MARKS + "\u0e32\u0e30\u0e33"
    ]
    if not options:
        return None
    k = rng.choice(options)
    return s[: k - 1] + s[k] + "\n" + s[k - 1] + " " + s[k + 1 :], s[:k] + "\n" + s[k:]


REQUIRED = ["split_am", "lose_nikhahit", "detach_tone", "space_in_word", "pua"]
EXTRA = ["letterspace", "linebreak"]


def break_like_pdf(s: str, rng: random.Random, kinds: list[str]) -> tuple[str, str]:
    expected = t = s
    if "linebreak" in kinds:
        r = displaced_linebreak(t, rng)
        if r:
            t, expected = r
    if "letterspace" in kinds:
        t = letterspace(t, rng)
    if "space_in_word" in kinds:
        t = spaces_inside_words(t, rng)
    if "detach_tone" in kinds:
        t = detach_tones(t, rng)
    if "lose_nikhahit" in kinds:
        t = lose_nikhahit(t)
    elif "split_am" in kinds:
        t = split_am(t)
    if "pua" in kinds:
        t = to_pua(t)
    return t, expected


def _restore_rate(kinds_pool: list[str], seed: int, page: int) -> tuple[float, int]:
    """Break every fixture sentence with a random mix of ``kinds_pool``, repair pages
    of ``page`` sentences (as ingest does) and count sentence-exact restorations."""
    rng = random.Random(seed)
    items = []
    for s in SENTENCES:
        kinds = [k for k in kinds_pool if rng.random() < 0.4] or [rng.choice(kinds_pool)]
        items.append(break_like_pdf(s, rng, kinds))
    ok = total = 0
    for i in range(0, len(items), page):
        chunk = items[i : i + page]
        got = repair("\n".join(b for b, _ in chunk)).split("\n")
        total += len(chunk)
        if len(got) != sum(e.count("\n") + 1 for _, e in chunk):
            continue
        pos = 0
        for _, e in chunk:
            n = e.count("\n") + 1
            ok += "\n".join(got[pos : pos + n]) == e
            pos += n
    return ok / total, total


def test_fixture_is_large_enough() -> None:
    assert len(SENTENCES) >= 200
    assert all(unicodedata.is_normalized("NFC", s) for s in SENTENCES)


def test_restores_pdf_damage(capsys: pytest.CaptureFixture[str]) -> None:
    """Split sara am, lost nikhahit, tone marks behind a space, spaces inside words and
    PUA glyphs: >= 98 % of sentences restored exactly when repaired page by page."""
    rates = [_restore_rate(REQUIRED, seed, page=10)[0] for seed in range(3)]
    single = _restore_rate(REQUIRED, 0, page=1)[0]
    with capsys.disabled():
        print(
            f"\nrestore rate, pages of 10 sentences: {', '.join(f'{r:.3f}' for r in rates)}"
            f"; one sentence at a time: {single:.3f}"
        )
    assert min(rates) >= 0.98
    assert single >= 0.90


def test_restores_letterspacing_and_linebreaks(capsys: pytest.CaptureFixture[str]) -> None:
    """Harder: distributed justification and marks pushed to the next line. Real spaces
    next to a letter-spaced phrase are indistinguishable from the spread, so the bar
    is lower."""
    rate, _ = _restore_rate(REQUIRED + EXTRA, 0, page=10)
    with capsys.disabled():
        print(f"\nrestore rate with letter-spacing and line breaks: {rate:.3f}")
    assert rate >= 0.90
