"""Random but realistic line contents: the numbers ITA documents print, with Thai around them.

Why these generators: the classifier must see every digit in every position of the things
auditors read (scores, dates, reference and phone numbers, fiscal years, item numbers,
percentages, amounts, times) and, just as much, the Thai letters that sit next to them
(ค ต ด ฯ ญ ฒ ซ ผ พ อ look like digits), so that a letter beside a number stays a letter.
The benchmark uses the same value generators with its own seed and held-out fonts.
"""

from __future__ import annotations

import functools
import random
import re

from ingest.digits.model import CLASS_INDEX, OTHER
from parsers.numerals import to_thai
from parsers.thai_dates import MONTHS_ABBR, MONTHS_FULL
from tools.digits.render import Piece

ORG_CODES = [
    "อจ",
    "มท",
    "นม",
    "ชม",
    "ศก",
    "สข",
    "ขก",
    "อบ",
    "กค",
    "ศธ",
    "สธ",
    "รง",
    "ลป",
    "นศ",
    "ปข",
    "บร",
]
TRICKY = "คตดฯญฒซผพองวรบปฟฝหกถภฤลสศษณฌฎฏฐทธนมยฬฮจฉชขฃฆโเแไใะาำๆ"
PHRASES = [
    "ผลคะแนน",
    "คะแนน",
    "ได้คะแนน",
    "วันที่",
    "ที่",
    "โทร.",
    "โทรศัพท์",
    "ประจำปีงบประมาณ",
    "พ.ศ.",
    "ร้อยละ",
    "ข้อ",
    "หน้า",
    "เลขที่",
    "ลงวันที่",
    "จำนวน",
    "บาท",
    "ราย",
    "ครั้ง",
    "ระดับ",
    "เวลา",
    "น.",
    "ถึง",
    "ตั้งแต่",
    "ปี",
    "ฉบับที่",
    "หมู่ที่",
    "ตำบล",
    "ผ่านเกณฑ์",
    "การประเมิน",
    "คุณธรรม",
    "ความโปร่งใส",
    "องค์การบริหารส่วนตำบล",
    "ประกาศ",
    "ณ",
    "เมื่อ",
    "รวม",
]
LATIN = [
    "ITA",
    "OIT",
    "IIT",
    "EIT",
    "www",
    "e-mail",
    "Fax",
    "No.",
    "ID",
    "A",
    "B",
    "O",
    "l",
    "I",
    "S",
    "Z",
]


@functools.cache
def thai_words() -> tuple[str, ...]:
    """Short Thai words from pythainlp's bundled dictionary (no download)."""
    from pythainlp.corpus import thai_words as words

    ok = re.compile(r"^[\u0e01-\u0e4e]{2,10}$")
    return tuple(sorted(w for w in words() if ok.match(w) and not re.search(r"[๐-๙]", w)))


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def value(rng: random.Random, kind: str) -> str:
    """One number as printed, Arabic digits; the caller converts to Thai digits."""
    if kind == "score":
        return f"{rng.randint(40, 100)}.{rng.randint(0, 99):02d}"
    if kind == "year":
        return str(rng.randint(2530, 2580))
    if kind == "day":
        return str(rng.randint(1, 31))
    if kind == "ref":
        a = f"{rng.choice(['0', ''])}{digits(rng, rng.randint(3, 5))}"
        if rng.random() < 0.4:
            a += f".{rng.randint(1, 9)}"
        return f"{a}/{rng.choice([str(rng.randint(2560, 2570)), digits(rng, rng.randint(1, 4))])}"
    if kind == "phone":
        if rng.random() < 0.5:
            return f"0-{digits(rng, 4)}-{digits(rng, 4)}"
        return f"0{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 4)}"
    if kind == "amount":
        n = rng.randint(1, 9_999_999)
        return f"{n:,}" + (f".{rng.randint(0, 99):02d}" if rng.random() < 0.6 else "")
    if kind == "time":
        minute = rng.choice([0, 15, 30, 45, rng.randint(0, 59)])
        return f"{rng.randint(0, 23):02d}{rng.choice('.:')}{minute:02d}"
    if kind == "item":
        return ".".join(str(rng.randint(1, 12)) for _ in range(rng.randint(1, 3)))
    if kind == "percent":
        return str(rng.choice([100, rng.randint(0, 100), rng.randint(0, 99)]))
    return digits(rng, rng.randint(1, 8))


def num_pieces(text: str) -> list[Piece]:
    """Each character its own piece; characters that are not classes are "<other>"."""
    return [Piece(c, c if c in CLASS_INDEX else OTHER) for c in text]


def word(text: str) -> Piece:
    return Piece(text, OTHER)


def space(rng: random.Random, wide: float = 0.15) -> Piece:
    return Piece(
        " ", OTHER, rng.uniform(1.6, 3.0) if rng.random() < wide else rng.uniform(0.8, 1.3)
    )


def field(rng: random.Random, thai: bool) -> list[Piece]:
    """A labelled number as documents print it: "วันที่ ๒๐ กุมภาพันธ์ ๒๕๖๗", "โทร. ๐-๔๕...", ..."""
    conv = to_thai if thai else str
    sp = functools.partial(space, rng)
    kind = rng.choice(
        [
            "score",
            "date",
            "date_abbr",
            "ref",
            "phone",
            "item",
            "percent",
            "year",
            "amount",
            "time",
            "bare",
            "bare",
        ]
    )
    if kind == "score":
        return [
            word(rng.choice(["ผลคะแนน", "ได้คะแนน", "คะแนน"])),
            sp(),
            *num_pieces(conv(value(rng, "score"))),
            sp(),
            word("คะแนน"),
        ]
    if kind == "date":
        return [
            word(rng.choice(["วันที่", "ลงวันที่", "ณ วันที่"])),
            sp(),
            *num_pieces(conv(value(rng, "day"))),
            sp(),
            word(rng.choice(MONTHS_FULL)),
            sp(),
            *num_pieces(conv(value(rng, "year"))),
        ]
    if kind == "date_abbr":
        return [
            *num_pieces(conv(value(rng, "day"))),
            sp(),
            *num_pieces(rng.choice(MONTHS_ABBR)),
            sp(),
            *num_pieces(conv(str(rng.randint(30, 80)))),
        ]
    if kind == "ref":
        out = [word("ที่"), sp(), word(rng.choice(ORG_CODES)), sp()]
        ref = conv(value(rng, "ref"))
        if rng.random() < 0.3:
            head, tail = ref.split("/", 1)
            return [*out, *num_pieces(head + "/"), word("ว"), sp(), *num_pieces(tail)]
        return [*out, *num_pieces(ref)]
    if kind == "phone":
        lead = [word(rng.choice(["โทร.", "โทรศัพท์", "โทรสาร"]))]
        gap = [sp()] if rng.random() < 0.8 else []
        return [*lead, *gap, *num_pieces(conv(value(rng, "phone")))]
    if kind == "item":
        return [
            *num_pieces(conv(value(rng, "item")) + rng.choice([".", ")", ""])),
            sp(),
            word(rng.choice(thai_words())),
        ]
    if kind == "percent":
        pct = conv(value(rng, "percent")) + rng.choice(["%", "%", " %"])
        return [word("ร้อยละ"), sp(), *num_pieces(pct)]
    if kind == "year":
        return [
            word(rng.choice(["ประจำปีงบประมาณ", "ปีงบประมาณ", "ประจำปี"])),
            sp(),
            *num_pieces("พ.ศ."),
            *([sp()] if rng.random() < 0.8 else []),
            *num_pieces(conv(value(rng, "year"))),
        ]
    if kind == "amount":
        return [word("จำนวน"), sp(), *num_pieces(conv(value(rng, "amount"))), sp(), word("บาท")]
    if kind == "time":
        return [word("เวลา"), sp(), *num_pieces(conv(value(rng, "time"))), sp(), *num_pieces("น.")]
    return num_pieces(conv(value(rng, "bare")))


def filler(rng: random.Random) -> list[Piece]:
    """Thai text (or now and then Latin), sometimes a lone tricky letter glued to a number."""
    r = rng.random()
    if r < 0.55:
        return [word("".join(rng.choice(thai_words()) for _ in range(rng.randint(1, 3))))]
    if r < 0.7:
        return [word(rng.choice(PHRASES))]
    if r < 0.8:
        return [word(rng.choice(LATIN))]
    return [word(rng.choice(TRICKY))]


def line(rng: random.Random) -> list[Piece]:
    """A training line: fields and filler, with spaces, glued pairs and the odd digit string."""
    thai = rng.random() < 0.75
    out: list[Piece] = []
    target = rng.randint(2, 7)
    for _ in range(target):
        chunk = (
            field(rng, thai if rng.random() < 0.9 else not thai)
            if rng.random() < 0.6
            else filler(rng)
        )
        if out:
            if rng.random() < 0.15:
                pass  # glued: a letter or word right against a number
            else:
                out.append(space(rng))
        out.extend(chunk)
    return out


def truth_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)
