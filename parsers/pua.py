"""Thai glyph-variant code points in the Private Use Area (U+F700–U+F71F).

Why this exists: Thai fonts built for pre-OpenType Windows and for macOS carry
positional variants of the Thai marks (tone marks lowered when there is no upper
vowel, shifted left under the tall ascenders of ป ฝ ฟ ฬ; ฐ and ญ without their
descender when a lower vowel sits below them) and give each variant a code point in
the Private Use Area. When such a font is embedded in a PDF, the text layer often
maps the *variant glyph* back to that PUA code point instead of the real character,
so the extracted text contains U+F70A where it should contain MAI EK (U+0E48).

Source of the table: the cmaps of the Debian ``fonts-thai-tlwg`` fonts
(/usr/share/fonts/truetype/tlwg/*.ttf, TLWG 0.7.x). Every one of Garuda, Kinnari,
Laksaman, Loma, Norasi, Purisa, Sawasdee, TlwgMono, TlwgTypewriter, TlwgTypist,
TlwgTypo, Umpush and Waree maps U+F700–U+F71A (and all but TlwgMono U+F71E–U+F71F)
to glyphs whose *names* state the base character, e.g. ``uni0E48.low`` (U+F70A),
``uni0E48.low_left`` (U+F705), ``uni0E48.left`` (U+F713), ``uni0E10.descless``
(U+F700). The names agree across all thirteen families; the table below was
generated from them with fontTools (``TTFont(path).getBestCmap()``) and is checked
against the installed fonts by ``tests/parsers/test_thai_text.py`` when they are
present. This is the Microsoft/Apple/WTT "Thai PUA" layout.

U+F71B–U+F71D are the only disagreement: Laksaman names them ``uni0E0E.alt1``,
``uni0E0F.alt1`` and ``uni0E2C.alt1`` (ฎ, ฏ, ฬ without their lower/upper tail)
while the other TLWG fonts leave them as anonymous helper glyphs (``uniF71B``) that
shaping never emits. We follow Laksaman, the only font that gives them a meaning.
"""

from __future__ import annotations

from typing import Final

# Glyph-name suffix (from the TLWG cmaps) -> meaning, for documentation:
#   .descless  consonant without descender      .left      shifted left (under ป ฝ ฟ ฬ)
#   .low       lowered (no upper vowel present) .low_left  lowered and shifted left
#   .high      raised (above an upper vowel)    .alt1      alternative consonant form
PUA_TABLE: Final[dict[int, str]] = {
    0xF700: "\u0e10",  # uni0E10.descless   ฐ  THO THAN
    0xF701: "\u0e34",  # uni0E34.left       ิ  SARA I
    0xF702: "\u0e35",  # uni0E35.left       ี  SARA II
    0xF703: "\u0e36",  # uni0E36.left       ึ  SARA UE
    0xF704: "\u0e37",  # uni0E37.left       ื  SARA UEE
    0xF705: "\u0e48",  # uni0E48.low_left   ่  MAI EK
    0xF706: "\u0e49",  # uni0E49.low_left   ้  MAI THO
    0xF707: "\u0e4a",  # uni0E4A.low_left   ๊  MAI TRI
    0xF708: "\u0e4b",  # uni0E4B.low_left   ๋  MAI CHATTAWA
    0xF709: "\u0e4c",  # uni0E4C.low_left   ์  THANTHAKHAT
    0xF70A: "\u0e48",  # uni0E48.low        ่
    0xF70B: "\u0e49",  # uni0E49.low        ้
    0xF70C: "\u0e4a",  # uni0E4A.low        ๊
    0xF70D: "\u0e4b",  # uni0E4B.low        ๋
    0xF70E: "\u0e4c",  # uni0E4C.low        ์
    0xF70F: "\u0e0d",  # uni0E0D.descless   ญ  YO YING
    0xF710: "\u0e31",  # uni0E31.left       ั  MAI HAN-AKAT
    0xF711: "\u0e4d",  # uni0E4D.left       ํ  NIKHAHIT
    0xF712: "\u0e47",  # uni0E47.left       ็  MAITAIKHU
    0xF713: "\u0e48",  # uni0E48.left       ่
    0xF714: "\u0e49",  # uni0E49.left       ้
    0xF715: "\u0e4a",  # uni0E4A.left       ๊
    0xF716: "\u0e4b",  # uni0E4B.left       ๋
    0xF717: "\u0e4c",  # uni0E4C.left       ์
    0xF718: "\u0e38",  # uni0E38.low        ุ  SARA U
    0xF719: "\u0e39",  # uni0E39.low        ู  SARA UU
    0xF71A: "\u0e3a",  # uni0E3A.low        ฺ  PHINTHU
    0xF71B: "\u0e0e",  # uni0E0E.alt1 (Laksaman only)  ฎ
    0xF71C: "\u0e0f",  # uni0E0F.alt1 (Laksaman only)  ฏ
    0xF71D: "\u0e2c",  # uni0E2C.alt1 (Laksaman only)  ฬ
    0xF71E: "\u0e4d",  # uni0E4D.high       ํ
    0xF71F: "\u0e47",  # uni0E47.high       ็
}

PUA_TRANSLATION: Final[dict[int, str]] = dict(PUA_TABLE)
"""Ready for ``str.translate``."""

PUA_FIRST: Final[int] = 0xF700
PUA_LAST: Final[int] = 0xF71F


def map_pua(text: str) -> str:
    """Replace Thai PUA glyph-variant code points by the characters they draw."""
    return text.translate(PUA_TRANSLATION)
