"""Every Thai font on this machine, by family and style, and which families are held out.

Why hold out whole families: a classifier trained on renders always looks perfect on the fonts
it saw. Accuracy is quoted on families never used in training, picked one from each style
group that has several members so the style is learnable but the design is new:
Norasi (serif, looped; Kinnari stays in training), Umpush (sans, looped; Garuda, Loma and
Waree stay) and Prompt (modern loopless; Kanit, Noto Sans Thai and Chakra Petch stay).
Sarabun and Laksaman (clones of the government's TH Sarabun) are kept for training because
they are what real documents use; the benchmark reports them as "seen" fonts.

Training also draws on designs that are neither held out nor in the benchmark: Arundina (Debian's
DejaVu-like sans and serif), Noto Serif Thai, and the SIPA "TH" national fonts that government
memos are set in (TH Sarabun PSK/New, Niramit, Krub, K2D, KoHo, Kodchasal, Fahkwang, Baijam,
Chakra Petch, Mali). The more designs a model sees, the less a new one surprises it; the held-out
families stay unseen.
"""

from __future__ import annotations

import functools
import importlib.metadata
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
ARUNDINA = Path("/usr/share/fonts/truetype/arundina")
_ARUNDINA = {
    ("ArundinaSans", "Regular"): "ArundinaSans.ttf",
    ("ArundinaSans", "Bold"): "ArundinaSans-Bold.ttf",
    ("ArundinaSerif", "Regular"): "ArundinaSerif.ttf",
    ("ArundinaSerif", "Bold"): "ArundinaSerif-Bold.ttf",
}
_SIPA_DIST = "odoo-addon-l10n_th_fonts"
_SIPA_DIR = "odoo/addons/l10n_th_fonts/static/fonts"
# The decorative script faces (Charm of AU, Charmonman, Srisakdi) are left out: no memo is set in
# them. AngsanaNew (a Microsoft font the addon also carries) and Webdings are not free fonts.
_SIPA_FAMILIES = (
    "THSarabun",
    "THSarabunNew",
    "THNiramitAS",
    "THKrub",
    "THK2DJuly8",
    "THKoHo",
    "THKodchasal",
    "THFahkwang",
    "THBaijam",
    "THChakraPetch",
    "THMaliGrade6",
)
_TLWG_STYLES = {"Regular": "", "Bold": "-Bold", "Oblique": "-Oblique", "Light": "-Light"}


@dataclass(frozen=True, slots=True)
class Face:
    """One font file (or variable-font instance) of a family."""

    family: str
    style: str
    path: str
    weight: int | None = None
    """For the variable Noto fonts: the wght axis value."""
    extra: bool = False
    """A training-only design (Arundina, Noto Serif Thai, SIPA): not in the benchmark's seen set."""

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
    serif = _module_file("pylopdf_fonts_th", "NotoSerifThai-Variable.ttf")
    if serif is not None and serif.exists():
        for style, wght in (("Regular", 400), ("Bold", 700)):
            faces.append(Face("NotoSerifThai", style, str(serif), wght, extra=True))
    for (fam, style), name in _ARUNDINA.items():
        if (ARUNDINA / name).exists():
            faces.append(Face(fam, style, str(ARUNDINA / name), extra=True))
    faces.extend(_sipa_faces())
    return tuple(faces)


def _module_file(package: str, name: str) -> Path | None:
    try:
        return Path(str(importlib.resources.files(package) / name))
    except ModuleNotFoundError:
        return None


def missing_sources() -> list[str]:
    """Font sources the training recipe expects but this machine lacks (for error messages).

    The recipe hash covers the training faces found, so a machine without one of these trains
    (and hashes) a different recipe; `make setup` installs them all.
    """
    missing = []
    if not (TLWG / "Laksaman.ttf").exists():
        missing.append("fonts-thai-tlwg (apt)")
    if not (ARUNDINA / "ArundinaSerif.ttf").exists():
        missing.append("fonts-arundina (apt)")
    for pkg in [*_PKG_FAMILIES.values(), "fontpkg_noto_sans_thai", "pylopdf_fonts_th"]:
        if _module_file(pkg, "") is None:
            missing.append(f"{pkg.replace('_', '-')} (uv sync)")
    if not _sipa_faces():
        missing.append("odoo-addon-l10n-th-fonts (uv sync)")
    return missing


def _sipa_faces() -> list[Face]:
    """The SIPA national fonts, read from the OCA font addon's files (regular style only)."""
    try:
        dist = importlib.metadata.distribution(_SIPA_DIST)
    except importlib.metadata.PackageNotFoundError:
        return []
    root = Path(str(dist.locate_file(_SIPA_DIR)))
    return [
        Face(fam, "Regular", str(root / f"{fam}.ttf"), extra=True)
        for fam in _SIPA_FAMILIES
        if (root / f"{fam}.ttf").exists()
    ]


def faces(
    *, held_out: bool, styles: tuple[str, ...] | None = None, extra: bool = True
) -> list[Face]:
    """Training faces (held_out=False) or test faces (held_out=True); extra=False leaves out the
    training-only designs (the benchmark's seen set, kept as it was when they were added)."""
    return [
        f
        for f in all_faces()
        if (f.family in HELD_OUT) == held_out
        and (styles is None or f.style in styles)
        and (extra or not f.extra)
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
