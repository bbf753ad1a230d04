"""Font registry: family name -> TrueType files, loaded once for shaping and embedding.

Why a registry: the spec names a family ("Laksaman", "Sarabun", ...) and a weight; the same file
bytes must feed HarfBuzz (shaping), fontTools (subsetting, cmap) and the PDF, otherwise glyph ids
would not agree. Variable fonts (Noto Sans Thai) are instanced to a static font first, because a
PDF embeds one static instance.
"""

from __future__ import annotations

import importlib.resources
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")


def _pkg_file(package: str, name: str) -> Path:
    return Path(str(importlib.resources.files(package) / "files" / name))


def _tlwg(name: str) -> Path:
    return TLWG_DIR / name


# family -> (regular, bold); a tuple (path, {axis: value}) instances a variable font.
_FAMILIES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "Laksaman": (("tlwg", "Laksaman.ttf"), ("tlwg", "Laksaman-Bold.ttf")),
    "Garuda": (("tlwg", "Garuda.ttf"), ("tlwg", "Garuda-Bold.ttf")),
    "Norasi": (("tlwg", "Norasi.ttf"), ("tlwg", "Norasi-Bold.ttf")),
    "Loma": (("tlwg", "Loma.ttf"), ("tlwg", "Loma-Bold.ttf")),
    "Kinnari": (("tlwg", "Kinnari.ttf"), ("tlwg", "Kinnari-Bold.ttf")),
    "Umpush": (("tlwg", "Umpush.ttf"), ("tlwg", "Umpush-Bold.ttf")),
    "Waree": (("tlwg", "Waree.ttf"), ("tlwg", "Waree-Bold.ttf")),
    "Sawasdee": (("tlwg", "Sawasdee.ttf"), ("tlwg", "Sawasdee-Bold.ttf")),
    "TlwgTypo": (("tlwg", "TlwgTypo.ttf"), ("tlwg", "TlwgTypo-Bold.ttf")),
    "Sarabun": (
        ("fontpkg_sarabun", "Sarabun-Regular.ttf"),
        ("fontpkg_sarabun", "Sarabun-Bold.ttf"),
    ),
    "NotoSansThai": (
        ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf@400"),
        ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf@700"),
    ),
    "Kanit": (("fontpkg_kanit", "Kanit-Regular.ttf"), ("fontpkg_kanit", "Kanit-SemiBold.ttf")),
    "Prompt": (("fontpkg_prompt", "Prompt-Regular.ttf"), ("fontpkg_prompt", "Prompt-Bold.ttf")),
    "ChakraPetch": (
        ("fontpkg_chakra_petch", "ChakraPetch-Regular.ttf"),
        ("fontpkg_chakra_petch", "ChakraPetch-Bold.ttf"),
    ),
}

FAMILIES = tuple(sorted(_FAMILIES))


@dataclass(eq=False)
class FontFace:
    """One static font: bytes, HarfBuzz font, glyph metrics and the reverse cmap."""

    key: str
    data: bytes
    tt: TTFont
    hb_font: hb.Font
    upm: int
    glyph_order: list[str]
    advances: list[int]
    cmap: dict[int, int]  # codepoint -> gid
    rev_cmap: dict[int, list[int]] = field(default_factory=dict)  # gid -> codepoints
    ascent: int = 0
    descent: int = 0
    ps_name: str = ""

    def gid(self, char: str) -> int:
        return self.cmap.get(ord(char), 0)

    def scale(self, size: float) -> float:
        """Points per font unit at `size`."""
        return size / self.upm


def _resolve(src: tuple[str, str]) -> tuple[Path, float | None]:
    package, name = src
    weight: float | None = None
    if "@" in name:
        name, w = name.split("@")
        weight = float(w)
    path = _tlwg(name) if package == "tlwg" else _pkg_file(package, name)
    return path, weight


def _load_bytes(path: Path, weight: float | None, em_scale: float) -> bytes:
    if weight is None and em_scale == 1.0:
        return path.read_bytes()
    tt = TTFont(str(path), recalcTimestamp=False)
    if weight is not None:
        from fontTools.varLib import instancer

        tt = instancer.instantiateVariableFont(tt, {"wght": weight, "wdth": 100})
    if em_scale != 1.0:
        tt["head"].unitsPerEm = round(tt["head"].unitsPerEm * em_scale)
    buf = io.BytesIO()
    tt.save(buf)
    return buf.getvalue()


@cache
def load_face(family: str, bold: bool = False, em_scale: float = 1.0) -> FontFace:
    """Load (and cache) a family's regular or bold face.

    `em_scale` > 1 enlarges the em relative to the outlines (the embedded font's unitsPerEm is
    multiplied). TLWG's Laksaman is TH Sarabun PSK's design scaled up ~1.35x to match other
    fonts; with em_scale 1.35 it again has TH Sarabun PSK's proportions, so "16 pt" text looks
    like 16 pt TH Sarabun PSK in a real memo (the same idea gives Norasi/Kinnari the small
    Angsana-like look those documents have at 16 pt).
    """
    if family not in _FAMILIES:
        raise KeyError(f"unknown font family {family!r}; known: {', '.join(FAMILIES)}")
    path, weight = _resolve(_FAMILIES[family][1 if bold else 0])
    data = _load_bytes(path, weight, em_scale)
    tt = TTFont(io.BytesIO(data))
    order = tt.getGlyphOrder()
    gid_of = {name: i for i, name in enumerate(order)}
    cmap = {cp: gid_of[name] for cp, name in tt.getBestCmap().items()}
    rev: dict[int, list[int]] = {}
    for cp, gid in sorted(cmap.items()):
        rev.setdefault(gid, []).append(cp)
    hmtx = tt["hmtx"]
    advances = [hmtx[name][0] for name in order]
    face = hb.Face(hb.Blob(data))
    font = hb.Font(face)
    ps_name = str(tt["name"].getDebugName(6) or family).replace(" ", "")
    if weight is not None:
        ps_name = f"{family}-{'Bold' if bold else 'Regular'}"
    return FontFace(
        key=f"{family}-{'Bold' if bold else 'Regular'}"
        + (f"@{em_scale:g}" if em_scale != 1 else ""),
        data=data,
        tt=tt,
        hb_font=font,
        upm=tt["head"].unitsPerEm,
        glyph_order=order,
        advances=advances,
        cmap=cmap,
        rev_cmap=rev,
        ascent=tt["hhea"].ascent,
        descent=tt["hhea"].descent,
        ps_name=ps_name,
    )


def font_files(family: str) -> list[Path]:
    """The files a family is read from (for the README and for reproducibility checks)."""
    return [_resolve(src)[0] for src in _FAMILIES[family]]
