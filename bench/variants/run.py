"""Make corpora of unseen variants of the sample documents, and score itadoc on them.

Why: itadoc is tuned on the bundled samples, but it is judged on reports it never saw. Each
variant here takes one sample spec and changes what a different agency's report would change —
the organization (and its misspelling), district and province, the score, the body font, and
the scan's resolution, skew, noise and binarization — then renders it with the same generator
(`samples.generator`), ground truth included. The specs are derived in code, so the corpus is
rebuilt the same way anywhere; nothing is committed but this script and its results.
Districts and provinces are real pairs; scores keep their level and pass/fail. A second set,
`HARSH`, takes the same documents to fonts and scan qualities well outside the samples'. A third,
`layouts`, keeps each sample's content but gives it other samples' layouts: page and table
settings, column headers and order, font, text-layer profile and scan settings.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common.corpus import ROOT
from bench.common.machine import describe
from bench.common.readme import write_region
from parsers.numerals import to_thai

RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Variant:
    """One unseen document: a sample spec with these changes."""

    source: str
    id: str
    replace: tuple[tuple[str, str], ...]
    """Text substitutions over the whole spec, in order (longest names first)."""
    score: tuple[float, float]
    font: tuple[str, float]
    scan: dict[str, Any] = field(default_factory=dict)
    """Scan settings to change (the rest, e.g. a sideways table page, is kept)."""
    district: str | None = None
    """The district field, when the substitutions do not set it."""


VARIANTS = (
    Variant(
        "001_khokkruat",
        "901_thakham",
        (("โคกกรวด", "ท่าข้าม"), ("เมืองนครราชสีมา", "หาดใหญ่"), ("นครราชสีมา", "สงขลา")),
        (91.02, 93.56),
        ("Waree", 13),
        {"dpi": 250, "rotation": -0.7, "noise": 3.0, "quality": 45, "seed": 101},
    ),
    Variant(
        "002_banklang",
        "902_nongyasai",
        (
            ("บ้านกลาง", "หนองหญ้าไซ"),
            ("บานกลาง", "หนองหญาไซ"),
            ("เมืองลำพูน", "วังทอง"),
            ("ลำพูน", "พิษณุโลก"),
        ),
        (78.45, 81.27),
        ("Sawasdee", 15),
        {"rotation": -0.9, "threshold": 165, "seed": 102},
    ),
    Variant(
        "006_banbueng",
        "903_bangphra",
        (("อำเภอบ้านบึง", "อำเภอศรีราชา"), ("บ้านบึ่ง", "บางพะ"), ("บ้านบึง", "บางพระ")),
        (88.25, 86.04),
        ("Kanit", 13),
        {"dpi": 300, "rotation": 0.8, "blur": 0.6, "seed": 103},
        district="ศรีราชา",
    ),
    Variant(
        "007_sanmahaphon",
        "904_donkaeo",
        (("สันมหาพน", "ดอนแก้ว"), ("สันมหาพล", "ดอนแกว"), ("แม่แตง", "แม่ริม")),
        (62.18, 58.47),
        ("Sarabun", 14),
        {"rotation": 0.5, "seed": 104},
    ),
    Variant(
        "004_phonngam",
        "905_nongkung",
        (
            ("โพนงาม", "หนองกุง"),
            ("โพธิ์งาม", "หนองกุ้ง"),
            ("กมลาไสย", "นาเชือก"),
            ("กาฬสินธุ์", "มหาสารคาม"),
        ),
        (85.67, 87.12),
        ("Laksaman", 16),
        {"rotation": 0.4, "noise": 3.5, "seed": 105},
    ),
    Variant(
        "005_khlonghinpun",
        "906_khaohinson",
        (
            ("คลองหินปูน", "เขาหินซ้อน"),
            ("วังน้ำเย็น", "พนมสารคาม"),
            ("สระแก้ว", "ฉะเชิงเทรา"),
        ),
        (72.90, 69.35),
        ("Garuda", 13),
        {"dpi": 250, "rotation": -0.3, "seed": 106},
    ),
)


HARSH_FONTS = (
    ("Norasi", 15),
    ("Umpush", 14),
    ("Prompt", 13),
    ("Kinnari", 15),
    ("Loma", 13),
    ("TlwgTypo", 13),
)
"""Body fonts of the harsh set, none its source sample's or its variant's: the digit
benchmark's three held-out families (Norasi, Umpush, Prompt) first; Prompt and TlwgTypo
body no sample."""
HARSH_SCANS: tuple[dict[str, Any], ...] = (
    {"dpi": 150, "rotation": 1.4, "noise": 5.0, "quality": 35, "seed": 201},
    {"dpi": 200, "rotation": -1.5, "mode": "bilevel", "threshold": 150, "seed": 202},
    {"dpi": 200, "rotation": 1.2, "noise": 6.0, "blur": 1.0, "quality": 30, "seed": 203},
    {"dpi": 150, "rotation": -1.0, "mode": "bilevel", "threshold": 175, "seed": 204},
    {"dpi": 200, "rotation": 0.9, "noise": 4.0, "blur": 0.9, "quality": 40, "seed": 205},
    {"dpi": 240, "rotation": -1.8, "noise": 5.0, "quality": 35, "seed": 206},
)
"""Scans from an archive's worst boxes. Each has a setting beyond every sample scan's: 150
dpi (samples: 200-300), JPEG quality 30-40 (samples: 50-60), noise 6 or blur 1.0 (samples: up
to 5 and 0.9), 1.8 degrees of skew (samples: up to 1.5), or a darker 1-bit threshold."""
HARSH = tuple(
    dataclasses.replace(v, id="95" + v.id[2:], font=font, scan=scan)
    for v, font, scan in zip(VARIANTS, HARSH_FONTS, HARSH_SCANS, strict=True)
)
"""The same six documents again (ids 951-956), in other fonts and scanned badly."""

LAYOUT_FONTS = (
    ("Waree", 14),
    ("Sawasdee", 15),
    ("Kanit", 12),
    ("Sarabun", 16),
    ("Garuda", 13),
    ("ChakraPetch", 13),
    ("Umpush", 15),
    ("Kinnari", 16),
    ("NotoSansThai", 12),
)
"""Body fonts of the layouts set, one per sample in order, none the sample's own."""
COLUMN_ORDERS = (
    ("title", "responsible", "methods", "results", "outcomes", "note"),
    ("title", "methods", "outcomes", "results", "responsible", "note"),
    ("title", "results", "methods", "outcomes", "note", "responsible"),
)
"""Measure-table column orders no sample uses (every sample's is title, methods, results,
outcomes, responsible, note); every third document of the layouts set gets one."""
_PAGE_KEYS = ("justify", "dotted_header", "page_numbers", "heading_font", "line_spacing", "margins")
_TABLE_KEYS = (
    "size",
    "line_spacing",
    "header_fill",
    "align_responsible",
    "center",
    "caption",
    "margin",
    "para_gap",
)
_PROFILE_SWAP = {"clean": "harfbuzz", "harfbuzz": "legacy", "legacy": "harfbuzz"}
"""Another text-layer profile ("clean" cannot place every font's marks)."""


@functools.cache
def _sample_spec_texts() -> tuple[str, ...]:
    """The sample specs' JSON, in id order, read once (each layout spec draws on several)."""
    paths = sorted((ROOT / "samples" / "specs").glob("*.json"))
    return tuple(p.read_text(encoding="utf-8") for p in paths)


def layout_spec(i: int) -> dict[str, Any]:
    """Sample `i` (in id order) laid out like others: page settings of sample i+3, table
    settings of i+5, column headers of i+2, scan settings of i+4 (a new seed), a font of
    `LAYOUT_FONTS`, another text-layer profile, and (every third) a `COLUMN_ORDERS` order."""
    specs = [json.loads(text) for text in _sample_spec_texts()]
    n = len(specs)
    spec: dict[str, Any] = specs[i]
    spec["id"] = "97" + str(i) + "_" + spec["id"].split("_", 1)[1]
    spec["seed"] = int(spec["seed"]) + 7000
    layout, page_of = spec["layout"], specs[(i + 3) % n]["layout"]
    for key in _PAGE_KEYS:
        if key in page_of:
            layout[key] = page_of[key]
        else:
            layout.pop(key, None)
    layout["font"], layout["size"] = LAYOUT_FONTS[i % len(LAYOUT_FONTS)]
    layout.pop("em_scale", None)
    layout["profile"] = _PROFILE_SWAP[layout.get("profile", "harfbuzz")]
    table, table_of = layout["table"], specs[(i + 5) % n]["layout"]["table"]
    for key in _TABLE_KEYS:
        if key in table_of:
            table[key] = table_of[key]
        else:
            table.pop(key, None)
    headers = {c["key"]: c["header"] for c in specs[(i + 2) % n]["layout"]["table"]["columns"]}
    columns = {c["key"]: c for c in table["columns"]}
    for key, column in columns.items():
        column["header"] = headers.get(key, column["header"])
    order = COLUMN_ORDERS[(i // 3) % len(COLUMN_ORDERS)]
    if i % 3 == 0 and set(columns) == set(order):
        table["columns"] = [columns[k] for k in order]
    own = spec["variants"]["scan"]
    scan = {**specs[(i + 4) % n]["variants"]["scan"], "seed": 700 + i}
    for key in ("garbage_layer", "sideways_tables"):  # the document's own page kinds stay
        scan.pop(key, None)
        if key in own:
            scan[key] = own[key]
    spec["variants"] = {"text": True, "scan": scan}
    return spec


LAYOUTS = tuple(range(9))
"""The layouts set: one document per sample (ids 970-978)."""
SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "variants": lambda: [variant_spec(v) for v in VARIANTS],
    "harsh": lambda: [variant_spec(v) for v in HARSH],
    "layouts": lambda: [layout_spec(i) for i in LAYOUTS],
}


def variant_spec(v: Variant) -> dict[str, Any]:
    """The spec of `v`, derived from its source spec."""
    src = ROOT / "samples" / "specs" / f"{v.source}.json"
    text = src.read_text(encoding="utf-8")
    for old, new in v.replace:
        text = text.replace(old, new)
    for fmt in (f"{v.score[0]:.2f}", f"{v.score[0]:g}"):
        new = f"{v.score[1]:.2f}" if "." in fmt else f"{v.score[1]:g}"
        text = text.replace(to_thai(fmt), to_thai(new))
        text = text.replace(fmt, new)
    spec: dict[str, Any] = json.loads(text)
    spec["id"] = v.id
    spec["seed"] = int(spec["seed"]) + 1000
    spec["assessment"]["score"] = v.score[1]
    spec["layout"]["font"], spec["layout"]["size"] = v.font
    spec["layout"].pop("em_scale", None)
    spec["variants"]["scan"].update(v.scan)
    if v.district is not None:
        spec["organization"]["district"] = v.district
    return spec


def build(out: Path, variants: Sequence[Variant] = VARIANTS) -> None:
    """Write the variant specs under `out/specs` and render them with the sample generator
    (PDFs in `out/pdf/<kind>/<id>.pdf`, truth in `out/expected`); tests render just one."""
    render_specs(out, [variant_spec(v) for v in variants])


def render_specs(out: Path, specs: Sequence[dict[str, Any]]) -> None:
    """Write `specs` under `out/specs` and render them with the sample generator."""
    from samples.generator.__main__ import main as generate

    folder = out / "specs"
    folder.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        path = folder / f"{spec['id']}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False, indent=1), "utf-8")
    if generate(["--specs", str(folder), "--out", str(out)]) != 0:
        raise RuntimeError("the sample generator failed on the variant specs")


def _names(variants: Sequence[Variant]) -> str:
    return ", ".join(
        f"`{v.id}` (from `{v.source}`, {v.font[0]} {v.font[1]:g} pt)" for v in variants
    )


def _scans() -> str:
    def one(scan: dict[str, Any]) -> str:
        mode = "1-bit" if scan.get("mode") == "bilevel" else f"JPEG q{scan.get('quality', 55)}"
        return f"{scan.get('dpi', 200)} dpi {mode}, {scan['rotation']:+g}°"

    return ", ".join(f"`{v.id}` {one(v.scan)}" for v in HARSH)


def readme_body(results: dict[str, dict[str, Any]], wall_s: float) -> str:
    return f"""Accuracy on documents outside the sample corpus: {len(VARIANTS)} variants of the
sample specs with another organization (and its misspelling), district and province, score,
body font and scan settings, rendered by the same generator — {_names(VARIANTS)}. Same
scoring and baseline as above, in one run. They check that itadoc generalizes beyond the nine
samples; they are not a blind test (they were looked at while fixing kinds of failure, never
tuned to).

- Machine: {describe().line()}.
- Reproduce: `uv run python -m bench.variants --write-readme` ({wall_s:.0f} s here, all three
  tables); details in `bench/results/variants.json`, `harsh.json` and `layouts.json`.

{results["variants"]["table"]}

**Harsh scans.** The same six documents set in other fonts — {_names(HARSH)} — and scanned
the way an archive's worst boxes are: {_scans()}; heavier noise and blur too. Their text-layer
PDFs differ from the variants' only in the font.

{results["harsh"]["table"]}

**Other layouts.** The nine samples' contents (ids 970-978), each laid out like other samples:
another sample's page settings (justification, dotted header, page numbers, heading font,
spacing, margins), another's table settings (type size, spacing, shading, centring, caption,
padding), another's column headers, a column order no sample uses for every third document
(responsible second; outcomes before results; note before responsible), another body font
({", ".join(f"{f} {s:g} pt" for f, s in LAYOUT_FONTS)}), another text-layer profile and another
sample's scan settings. Built to find what breaks when only the layout changes; it found the
failures fixed in the commits that added it (a title cut by a page break read as two measures,
a garbled header taking the wrong column, a narrow column's broken word split in two, table
marks lost to tesseract's noise removal).

{results["layouts"]["table"]}"""


def main(argv: list[str] | None = None) -> dict[str, dict[str, Any]]:
    from bench.accuracy.run import main as accuracy

    ap = argparse.ArgumentParser(prog="python -m bench.variants", description=__doc__)
    ap.add_argument("--keep", type=Path, default=None, help="build the corpora here and keep them")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--set", choices=[*SETS, "all"], default="all", help="which corpus to run")
    ap.add_argument("--out-dir", type=Path, default=RESULTS, help="where <set>.json is written")
    ap.add_argument("--write-readme", action="store_true", help="rewrite README's variants part")
    args = ap.parse_args(argv)
    if args.write_readme and args.set != "all":
        ap.error("--write-readme needs every set (--set all)")
    t0 = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="itadoc-variants-") as tmp:
        for name, specs in SETS.items():
            if args.set not in ("all", name):
                continue
            corpus = (args.keep or Path(tmp)) / name
            render_specs(corpus, specs())
            out = args.out_dir / f"{name}.json"
            results[name] = accuracy(
                ["--corpus", str(corpus), "--jobs", str(args.jobs), "--out", str(out)]
            )
    if args.write_readme:
        write_region("variants", readme_body(results, time.perf_counter() - t0))
    return results
