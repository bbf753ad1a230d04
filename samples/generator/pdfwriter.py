"""Minimal deterministic PDF writer: objects, Flate streams, embedded CID TrueType fonts, images.

Why hand-written: the corpus needs control no high-level library gives together — a Type0
CIDFontType2 font with Identity-H encoding and a ToUnicode CMap chosen per profile, glyph ids
written exactly as HarfBuzz placed them, and byte-identical output (no dates, fixed /ID,
deterministic subsetting and compression).
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field

from fontTools import subset

from samples.generator.fonts import FontFace
from samples.generator.textmap import tounicode_cmap


def fmt(v: float) -> str:
    """Compact fixed-precision number (byte-stable across runs)."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def pdf_string(text: str) -> str:
    """A literal PDF string for Info-dictionary text (PDFDocEncoding subset: ASCII)."""
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


@dataclass
class PdfWriter:
    """Collects numbered objects and serializes them with a classic xref table."""

    objects: list[bytes | None] = field(default_factory=list)

    def reserve(self) -> int:
        self.objects.append(None)
        return len(self.objects)

    def set(self, num: int, body: str | bytes) -> None:
        self.objects[num - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        num = self.reserve()
        self.set(num, body)
        return num

    def stream(self, entries: str, data: bytes, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 9)
            entries = f"/Filter /FlateDecode {entries}".strip()
        head = f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1")
        return self.add(head + data + b"\nendstream")

    def serialize(self, root: int, info: int, file_id: bytes) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, start=1):
            if body is None:
                raise ValueError(f"object {i} reserved but never set")
            offsets.append(out.tell())
            out.write(f"{i} 0 obj\n".encode())
            out.write(body)
            out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            out.write(f"{off:010d} 00000 n \n".encode())
        hexid = file_id.hex().upper()
        out.write(
            (
                f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R /Info {info} 0 R "
                f"/ID [<{hexid}> <{hexid}>] >>\nstartxref\n{xref}\n%%EOF\n"
            ).encode()
        )
        return out.getvalue()


def file_id(*parts: str) -> bytes:
    """Fixed document /ID derived from the document id and variant (no clock, no randomness)."""
    return hashlib.md5("\x00".join(parts).encode()).digest()


def subset_font(face: FontFace, gids: set[int]) -> bytes:
    """Subset keeping glyph ids (CIDToGIDMap stays Identity); drops layout tables and hinting."""
    opts = subset.Options()
    opts.retain_gids = True
    opts.notdef_outline = True
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "FFTM", "STAT", "HVAR", "MVAR", "kern"]
    opts.name_IDs = [1, 2, 4, 6]
    opts.glyph_names = False
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(face.data), recalcTimestamp=False)  # no clock in the bytes
    sub = subset.Subsetter(opts)
    sub.populate(gids=sorted(gids | {0}))
    sub.subset(tt)
    buf = io.BytesIO()
    tt.save(buf)
    return buf.getvalue()


def _widths(face: FontFace, gids: list[int]) -> str:
    parts: list[str] = []
    run: list[int] = []
    for gid in gids:
        if run and gid != run[-1] + 1:
            parts.append(_width_run(face, run))
            run = []
        run.append(gid)
    if run:
        parts.append(_width_run(face, run))
    return "[" + " ".join(parts) + "]"


def _width_run(face: FontFace, run: list[int]) -> str:
    ws = " ".join(fmt(face.advances[g] * 1000 / face.upm) for g in run)
    return f"{run[0]} [{ws}]"


def embed_font(pdf: PdfWriter, face: FontFace, gids: set[int], profile: str) -> int:
    """Write a Type0/CIDFontType2 font (Identity-H, CIDToGIDMap Identity); returns its object."""
    used = sorted(gids | {0})
    tag_src = face.key + ":" + ",".join(map(str, used)) + ":" + profile
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha1(tag_src.encode()).digest()[:6])
    base = f"{tag}+{face.ps_name}"
    font_data = subset_font(face, set(used))
    ff = pdf.stream(f"/Length1 {len(font_data)}", font_data)
    head = face.tt["head"]
    k = 1000 / face.upm
    bbox = " ".join(fmt(v * k) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    os2 = face.tt["OS/2"]
    cap = getattr(os2, "sCapHeight", 0) or face.ascent
    desc = pdf.add(
        f"<< /Type /FontDescriptor /FontName /{base} /Flags 4 /FontBBox [{bbox}] "
        f"/ItalicAngle 0 /Ascent {fmt(face.ascent * k)} /Descent {fmt(face.descent * k)} "
        f"/CapHeight {fmt(cap * k)} /StemV 80 /FontFile2 {ff} 0 R >>"
    )
    cid = pdf.add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {desc} 0 R /DW 0 /W {_widths(face, used)} /CIDToGIDMap /Identity >>"
    )
    tu = pdf.stream("", tounicode_cmap(face, used, profile))
    return pdf.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H "
        f"/DescendantFonts [{cid} 0 R] /ToUnicode {tu} 0 R >>"
    )


def helvetica(pdf: PdfWriter) -> int:
    """The non-embedded standard font used by the invisible (render mode 3) OCR layer."""
    return pdf.add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )


def image_xobject(pdf: PdfWriter, width: int, height: int, data: bytes, kind: str) -> int:
    """An image XObject: `jpeg` (grayscale DCT) or `bilevel` (1-bit, Flate)."""
    if kind == "jpeg":
        return pdf.stream(
            f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
            "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            data,
            compress=False,
        )
    if kind == "bilevel":
        return pdf.stream(
            f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
            "/ColorSpace /DeviceGray /BitsPerComponent 1",
            data,
        )
    raise ValueError(kind)


def finish(
    pdf: PdfWriter,
    pages: list[tuple[float, float, int, str]],
    title: str,
    ident: bytes,
) -> bytes:
    """Write Pages/Catalog/Info. `pages`: (width, height, content object, resources dict)."""
    pages_num = pdf.reserve()
    kids = []
    for w, h, content, resources in pages:
        kids.append(
            pdf.add(
                f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [0 0 {fmt(w)} {fmt(h)}] "
                f"/Resources {resources} /Contents {content} 0 R >>"
            )
        )
    pdf.set(
        pages_num,
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>",
    )
    root = pdf.add(f"<< /Type /Catalog /Pages {pages_num} 0 R >>")
    info = pdf.add(f"<< /Title {pdf_string(title)} /Producer (itadoc samples generator) >>")
    return pdf.serialize(root, info, ident)
