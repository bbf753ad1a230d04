"""Text-layer profiles: which Unicode text each embedded glyph id maps to (the ToUnicode CMap).

A PDF viewer draws glyph ids; extractors read text only through the ToUnicode CMap. Real Thai
PDFs differ exactly here, so the profile is a property of the *producer*, not of the drawing:

- `clean`: each glyph maps to the character it stands for; variant glyphs (PUA-encoded tone marks,
  descender-less ญ/ฐ) map back to the standard character, and sara am is drawn with the font's
  precomposed glyph (see `shaping.shape(compose_am=True)`), so extraction is sound Thai.
- `harfbuzz`: each glyph maps to what the font's own cmap says (reverse cmap), which is what a
  naive producer does after HarfBuzz shaping: sara am comes out as nikhahit + sara aa (with the
  nikhahit before any tone mark), and TLWG variant glyphs come out as U+F700..U+F71F.
- `legacy`: like `harfbuzz`, but the nikhahit glyph (the visible half of sara am) has no entry
  at all, as in old Word exports of TH Sarabun PSK; the writer also emits marks as separate
  runs and the layout uses Thai-distributed justification (see `pdfcontent`).
"""

from __future__ import annotations

from fontTools import agl

from samples.generator.fonts import FontFace

PROFILES = ("clean", "harfbuzz", "legacy")

# Microsoft/WTT Thai presentation forms in the Private Use Area, as TLWG fonts encode them.
PUA_TO_STANDARD: dict[int, str] = {
    0xF700: "\u0e10",
    0xF701: "\u0e34",
    0xF702: "\u0e35",
    0xF703: "\u0e36",
    0xF704: "\u0e37",
    0xF705: "\u0e48",
    0xF706: "\u0e49",
    0xF707: "\u0e4a",
    0xF708: "\u0e4b",
    0xF709: "\u0e4c",
    0xF70A: "\u0e48",
    0xF70B: "\u0e49",
    0xF70C: "\u0e4a",
    0xF70D: "\u0e4b",
    0xF70E: "\u0e4c",
    0xF70F: "\u0e0d",
    0xF710: "\u0e31",
    0xF711: "\u0e4d",
    0xF712: "\u0e47",
    0xF713: "\u0e48",
    0xF714: "\u0e49",
    0xF715: "\u0e4a",
    0xF716: "\u0e4b",
    0xF717: "\u0e4c",
    0xF718: "\u0e38",
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",
}


def _is_pua(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF


def _from_name(face: FontFace, gid: int) -> str:
    name = face.glyph_order[gid]
    base = name.split(".")[0]
    try:
        text = agl.toUnicode(base)
    except Exception:  # pragma: no cover - defensive: odd glyph names
        text = ""
    return "".join(PUA_TO_STANDARD.get(ord(c), c) for c in text)


def _standard(face: FontFace, gid: int) -> str | None:
    text = _from_name(face, gid)
    if text:
        return text
    for cp in face.rev_cmap.get(gid, []):
        if not _is_pua(cp):
            return chr(cp)
    for cp in face.rev_cmap.get(gid, []):
        if cp in PUA_TO_STANDARD:
            return PUA_TO_STANDARD[cp]
    return None


def _reverse_cmap(face: FontFace, gid: int) -> str | None:
    cps = face.rev_cmap.get(gid, [])
    standard = [cp for cp in cps if not _is_pua(cp)]
    if standard:
        return chr(standard[0])
    if cps:
        return chr(cps[0])
    return _from_name(face, gid) or None


def is_nikhahit(face: FontFace, gid: int) -> bool:
    return face.glyph_order[gid].startswith("uni0E4D") or 0x0E4D in face.rev_cmap.get(gid, [])


def unicode_for(face: FontFace, gid: int, profile: str) -> str | None:
    """The ToUnicode entry of `gid` under `profile` (None: no entry)."""
    if gid == 0:
        return None
    if profile == "clean":
        return _standard(face, gid)
    if profile == "harfbuzz":
        return _reverse_cmap(face, gid)
    if profile == "legacy":
        if is_nikhahit(face, gid):
            return None
        return _reverse_cmap(face, gid)
    raise ValueError(f"unknown text-layer profile {profile!r}")


def tounicode_cmap(face: FontFace, gids: list[int], profile: str) -> bytes:
    """A ToUnicode CMap (bfchar entries, 2-byte codes = glyph ids) for the used glyphs."""
    entries: list[tuple[int, str]] = []
    for gid in sorted(set(gids)):
        text = unicode_for(face, gid, profile)
        if text:
            entries.append((gid, text))
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        for gid, text in block:
            utf16 = text.encode("utf-16-be").hex().upper()
            lines.append(f"<{gid:04X}> <{utf16}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")
