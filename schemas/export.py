"""Flatten documents into warehouse rows: `documents.csv` and `measures.csv` (and Parquet).

Column names and order are derived from the models' field order, never written by hand, so the
CSV follows the contract automatically. Nested objects flatten to `parent_child`; lists of strings
become JSON arrays in CSV (lossless and parseable by every warehouse) and real list columns in
Parquet; lists of objects are summarised (counts) in `documents.csv`.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from pydantic import BaseModel

from schemas.document import Document, Measure

KEY_COLUMNS = ("document_id", "source_path", "source_sha256")


def _is_model_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        (arg,) = typing.get_args(annotation)
        return isinstance(arg, type) and issubclass(arg, BaseModel)
    return False


def _model_type(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def _flat_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    cols: list[str] = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        sub = _model_type(info.annotation)
        if sub is not None:
            cols += _flat_columns(sub, key + "_")
        elif _is_model_list(info.annotation):
            cols.append(f"{key}_count")
        else:
            cols.append(key)
    return cols


DOCUMENT_COLUMNS: tuple[str, ...] = (
    "document_id",
    *(c for c in _flat_columns(Document) if c != "source_pages_count"),
    "source_page_count",
    "source_pages_text",
    "source_pages_ocr",
    "source_ocr_confidence",
    "warning_codes",
)
MEASURE_COLUMNS: tuple[str, ...] = (*KEY_COLUMNS, *_flat_columns(Measure))


def _flatten(obj: BaseModel, prefix: str, out: dict[str, Any]) -> None:
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            _flatten(value, key + "_", out)
        elif _model_type(info.annotation) is not None and value is None:
            continue
        elif _is_model_list(info.annotation):
            out[f"{key}_count"] = len(value)
        else:
            out[key] = value


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def document_row(doc: Document, document_id: str, *, for_csv: bool = True) -> dict[str, Any]:
    """One flat row for `documents.csv` / `documents.parquet`."""
    flat: dict[str, Any] = {"document_id": document_id}
    _flatten(doc, "", flat)
    ocr = [p for p in doc.source.pages if p.mode == "ocr"]
    confs = [p.confidence for p in ocr if p.confidence is not None]
    flat.pop("source_pages_count", None)
    flat["source_page_count"] = len(doc.source.pages)
    flat["source_pages_text"] = len(doc.source.pages) - len(ocr)
    flat["source_pages_ocr"] = len(ocr)
    flat["source_ocr_confidence"] = round(sum(confs) / len(confs), 3) if confs else None
    flat["warning_codes"] = sorted({w.code for w in doc.warnings})
    row = {c: flat.get(c) for c in DOCUMENT_COLUMNS}
    return {k: _csv_value(v) for k, v in row.items()} if for_csv else row


def measure_rows(doc: Document, document_id: str, *, for_csv: bool = True) -> list[dict[str, Any]]:
    """One flat row per measure for `measures.csv` / `measures.parquet`."""
    rows = []
    for m in doc.measures:
        flat: dict[str, Any] = {
            "document_id": document_id,
            "source_path": doc.source.path,
            "source_sha256": doc.source.sha256,
        }
        _flatten(m, "", flat)
        row = {c: flat.get(c) for c in MEASURE_COLUMNS}
        rows.append({k: _csv_value(v) for k, v in row.items()} if for_csv else row)
    return rows
