"""Every Thai font on this machine, by family and style, and which families are held out.

Why hold out whole families: a classifier trained on renders always looks perfect on the fonts
it saw. Accuracy is quoted on families never used in training, picked one from each style
group that has several members so the style is learnable but the design is new:
Norasi (serif, looped; Kinnari stays in training), Umpush (sans, looped; Garuda, Loma and
Waree stay) and Prompt (modern loopless; Kanit, Noto Sans Thai and Chakra Petch stay).
Sarabun and Laksaman (clones of the government's TH Sarabun) are kept for training because
they are what real documents use; the benchmark reports them as "seen" fonts.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

TLWG = Path("/usr/share/fonts/truetype/tlwg")
HELD_OUT: tuple[str, ...] = ("Norasi", "Umpush", "Prompt")

_TLWG_FAMILIES = [
    "Garuda",
    "Kinnari",
    "Laksaman",
    "Loma",
    "Norasi",
    "Purisa",
    "Sawasdee",
    "TlwgMono",
    "TlwgTypewriter",
    "TlwgTypist",
    "TlwgTypo",
    "Umpush",
    "Waree",
]
_PKG_FAMILIES = {
    "Sarabun": "fontpkg_sarabun",
    "Kanit": "fontpkg_kanit",
    "Prompt": "fontpkg_prompt",
    "ChakraPetch": "fontpkg_chakra_petch",
}
_PKG_STYLES = ("Regular", "Bold", "Light", "Medium", "SemiBold")
_TLWG_STYLES = {"Regular": "", "Bold": "-Bold", "Oblique": "-Oblique", "Light": "-Light"}


@dataclass(frozen=True, slots=True)
class Face:
    """One font file (or variable-font instance) of a family."""

    family: str
    style: str
    path: str
    weight: int | None = None
    """For the variable Noto Sans Thai: the wght axis value."""

    @property
    def name(self) -> str:
        return f"{self.family}-{self.style}"


def _pkg_dir(package: str) -> Path:
    return Path(str(importlib.resources.files(package) / "files"))


@functools.cache
def all_faces() -> tuple[Face, ...]:
    """Regular/bold/light-ish styles of every family found (no italics: rare in memos)."""
    faces: list[Face] = []
    for fam in _TLWG_FAMILIES:
        for style, suffix in _TLWG_STYLES.items():
            p = TLWG / f"{fam}{suffix}.ttf"
            if p.exists():
                faces.append(Face(fam, style, str(p)))
    for fam, pkg in _PKG_FAMILIES.items():
        for style in _PKG_STYLES:
            p = _pkg_dir(pkg) / f"{fam}-{style}.ttf"
            if p.exists():
                faces.append(Face(fam, style, str(p)))
    noto = _pkg_dir("fontpkg_noto_sans_thai") / "NotoSansThai[wdth,wght].ttf"
    if noto.exists():
        for style, wght in (("Light", 300), ("Regular", 400), ("Medium", 500), ("Bold", 700)):
            faces.append(Face("NotoSansThai", style, str(noto), wght))
    return tuple(faces)


def faces(*, held_out: bool, styles: tuple[str, ...] | None = None) -> list[Face]:
    """Training faces (held_out=False) or test faces (held_out=True)."""
    return [
        f
        for f in all_faces()
        if (f.family in HELD_OUT) == held_out and (styles is None or f.style in styles)
    ]


@functools.lru_cache(maxsize=512)
def pil_font(face: Face, px: int) -> ImageFont.FreeTypeFont:
    """A shaped (RAQM) PIL font at `px` pixels per em."""
    font = ImageFont.truetype(face.path, px, layout_engine=ImageFont.Layout.RAQM)
    if face.weight is not None:
        font.set_variation_by_axes([face.weight, 100])
    return font


@functools.lru_cache(maxsize=128)
def digit_height_ratio(face: Face) -> float:
    """Height of "๐" per pixel of em, to size every font to the same digit height."""
    font = pil_font(face, 200)
    box = font.getbbox("๐", language="th")
    return (box[3] - box[1]) / 200
