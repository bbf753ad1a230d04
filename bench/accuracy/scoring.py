"""Score one extracted document against its ground truth, field by field.

Everything works on plain JSON dicts (`Document.model_dump(mode="json")`), so a failed
extraction is simply `None` and scores like an empty document: a missing field is never skipped,
it counts as wrong. Definitions (also in the README):

- exact fields: 1 if the normalized values are equal (null == null), else 0;
- similarity fields: `rapidfuzz.distance.Levenshtein.normalized_similarity` of the normalized
  texts, null read as "" (so null vs null = 1, null vs text = 0);
- measures: truth and output measures are aligned in order (a monotone alignment maximizing the
  summed similarity, so one dropped or split row does not shift every later row onto the wrong
  truth). A field's score is the summed similarity over aligned pairs divided by
  max(#truth, #output): a missing measure scores 0 and an extra one costs as much;
- list fields are compared as their normalized items joined with " | ", so item splits count;
- signatories: names aligned and scored the same way;
- measure count: 1 if the number of measures is right;
- digits: per field, errors = min(edit distance between the digit strings, truth digits);
  accuracy = 1 − Σ errors / Σ truth digits, pooled over all fields and documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from bench.common.normalize import digits, normalize

EXACT_FIELDS = (
    "header.date",
    "header.reference_no",
    "assessment.score",
    "assessment.fiscal_year_be",
    "assessment.passed",
    "assessment.level",
    "organization.name",
    "organization.district",
    "organization.province",
)
TEXT_FIELDS = ("header.department", "header.subject", "header.to")
MEASURE_FIELDS = ("title", "methods", "results", "outcomes", "responsible")
DIGIT_FIELDS = (
    "header.date",
    "assessment.score",
    "assessment.fiscal_year_be",
    "header.reference_no",
    "header.phone",
)
METRICS = (
    *EXACT_FIELDS,
    *TEXT_FIELDS,
    *(f"measures.{f}" for f in MEASURE_FIELDS),
    "signatories.name",
    "measures.count",
)
"""Per-document metrics, each in [0, 1]; `digits` is pooled separately (see `DigitTally`)."""
LIST_SEP = " | "

Doc = dict[str, Any]


def get(doc: Doc | None, path: str) -> Any:
    """`doc["a"]["b"]` for "a.b", None when any step is missing."""
    value: Any = doc
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def similarity(truth: object, pred: object) -> float:
    """1 − normalized Levenshtein distance of the normalized texts."""
    return float(Levenshtein.normalized_similarity(normalize(truth), normalize(pred)))


def exact(truth: object, pred: object) -> float:
    """1.0 when the normalized values are equal (null only equals null)."""
    if truth is None or pred is None:
        return float(truth is None and pred is None)
    return float(normalize(truth) == normalize(pred))


def joined(items: object) -> str:
    """A list field as one comparable string; a string field as itself."""
    if isinstance(items, list):
        return LIST_SEP.join(normalize(i) for i in items)
    return normalize(items)


def align(
    truth: Sequence[Any], pred: Sequence[Any], sim: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """Order-preserving pairs (truth index, pred index) with the largest summed similarity.

    Needleman-Wunsch with zero gap cost; ties prefer pairing (so equal rows pair up).
    """
    n, m = len(truth), len(pred)
    s = [[sim(t, p) for p in pred] for t in truth]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(s[i][j] + best[i + 1][j + 1], best[i + 1][j], best[i][j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == s[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _measure_text(measure: Doc) -> str:
    return LIST_SEP.join(joined(measure.get(f)) for f in MEASURE_FIELDS)


@dataclass(slots=True)
class DigitTally:
    """Digit errors and truth digits, summed; accuracy is pooled, not averaged per field."""

    errors: int = 0
    total: int = 0

    def add(self, truth_digits: str, pred_digits: str) -> int:
        """Count one field; returns its (clamped) error count."""
        err = min(Levenshtein.distance(truth_digits, pred_digits), len(truth_digits))
        self.errors += err
        self.total += len(truth_digits)
        return err

    def merge(self, other: DigitTally) -> None:
        self.errors += other.errors
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return 1.0 - self.errors / self.total if self.total else None


@dataclass(slots=True)
class DocScore:
    """Scores of one document and what they were computed from (for tracing regressions)."""

    scores: dict[str, float] = field(default_factory=dict)
    digits: DigitTally = field(default_factory=DigitTally)
    details: dict[str, Any] = field(default_factory=dict)


def _aligned_scores(
    truth: list[Doc], pred: list[Doc], fields: Sequence[str], key: Callable[[Doc], str]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    pairs = align(truth, pred, lambda t, p: similarity(key(t), key(p)))
    denom = max(len(truth), len(pred))
    sums = dict.fromkeys(fields, 0.0)
    rows = []
    for i, j in pairs:
        row: dict[str, Any] = {"truth_index": i + 1, "pred_index": j + 1}
        wrong: dict[str, Any] = {}
        for f in fields:
            t, p = joined(truth[i].get(f)), joined(pred[j].get(f))
            s = similarity(t, p)
            sums[f] += s
            row[f] = round(s, 4)
            if s < 1.0:
                wrong[f] = {"truth": t, "pred": p}
        row["wrong"] = wrong
        rows.append(row)
    for side, items, taken in (
        ("truth", truth, {i for i, _ in pairs}),
        ("pred", pred, {j for _, j in pairs}),
    ):
        for k, item in enumerate(items):
            if k not in taken:
                rows.append({f"{side}_index": k + 1, "unmatched": key(item)[:200]})
    scores = {f: (sums[f] / denom if denom else 1.0) for f in fields}
    return scores, rows


def score_document(truth: Doc, pred: Doc | None) -> DocScore:
    """All metrics of one document. `pred` None (extraction failed) scores as empty."""
    out = DocScore()
    for path in EXACT_FIELDS:
        t, p = get(truth, path), get(pred, path)
        out.scores[path] = exact(t, p)
        out.details[path] = {"truth": t, "pred": p, "score": out.scores[path]}
    for path in TEXT_FIELDS:
        t, p = get(truth, path), get(pred, path)
        out.scores[path] = similarity(t, p)
        out.details[path] = {"truth": t, "pred": p, "score": round(out.scores[path], 4)}
    t_measures = list(get(truth, "measures") or [])
    p_measures = list(get(pred, "measures") or [])
    m_scores, m_rows = _aligned_scores(t_measures, p_measures, MEASURE_FIELDS, _measure_text)
    for f, s in m_scores.items():
        out.scores[f"measures.{f}"] = s
    out.scores["measures.count"] = float(len(t_measures) == len(p_measures))
    out.details["measures"] = {
        "truth_count": len(t_measures),
        "pred_count": len(p_measures),
        "pairs": m_rows,
    }
    t_sig = list(get(truth, "signatories") or [])
    p_sig = list(get(pred, "signatories") or [])
    s_scores, _ = _aligned_scores(t_sig, p_sig, ("name",), lambda s: normalize(s.get("name")))
    out.scores["signatories.name"] = s_scores["name"]
    out.details["signatories.name"] = {
        "truth": [s.get("name") for s in t_sig],
        "pred": [s.get("name") for s in p_sig],
        "score": round(s_scores["name"], 4),
    }
    digit_rows = {}
    for path in DIGIT_FIELDS:
        td, pd_ = digits(get(truth, path)), digits(get(pred, path))
        err = out.digits.add(td, pd_)
        digit_rows[path] = {"truth": td, "pred": pd_, "errors": err}
    out.details["digits"] = digit_rows
    return out


@dataclass(slots=True)
class Aggregate:
    """Mean per-document scores of a set of documents, and their pooled digit accuracy."""

    sums: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    docs: int = 0
    failed: int = 0
    digits: DigitTally = field(default_factory=DigitTally)

    def add(self, score: DocScore, failed: bool = False) -> None:
        for k in METRICS:
            self.sums[k] += score.scores[k]
        self.docs += 1
        self.failed += int(failed)
        self.digits.merge(score.digits)

    def means(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {
            k: (v / self.docs if self.docs else None) for k, v in self.sums.items()
        }
        out["digits"] = self.digits.accuracy
        return out
