"""Scoring numbers in OCR output: numeric tokens, their alignment, digit accuracy, exact match.

Definitions (also printed under the benchmark table):

* A numeric token is a maximal run of digits (Thai or Arabic) with single ". , / : -" between
  digits: "๘๔.๑๔", "๗๑๙๐๑/๒๕๖๖", "๐-๔๕๙๙-๙๖๖๓". In "๑๐๐%" the token is "๑๐๐".
* Per line (or page), the truth tokens and the output tokens are aligned in order by edit
  distance (a token pair costs the character edit distance between them; a missing or extra
  token costs its length).
* Digit accuracy = 1 − (digit edits) / (digits in the truth), where digit edits are the edit
  distances between the digit strings of aligned pairs plus the digits of unmatched truth
  tokens plus the digits of extra output tokens (a letter read as a digit is an error too).
* Token exact match = share of truth tokens whose aligned output token is identical,
  punctuation and Thai-vs-Arabic script included.
* Text CER = character error rate of everything that is not a numeric token, spaces ignored:
  re-reading numbers must not damage the Thai around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

TOKEN = re.compile(r"[0-9๐-๙]+(?:[.,/:\-][0-9๐-๙]+)*")
DIGIT = re.compile(r"[0-9๐-๙]")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def digits_of(token: str) -> str:
    return "".join(DIGIT.findall(token))


def edit_distance(a: str, b: str) -> int:
    return int(Levenshtein.distance(a, b))


def align(truth: list[str], hyp: list[str]) -> list[tuple[str | None, str | None]]:
    """Order-preserving alignment of token lists (Needleman–Wunsch, edit-distance costs)."""
    n, m = len(truth), len(hyp)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = cost[i - 1][0] + len(truth[i - 1])
    for j in range(1, m + 1):
        cost[0][j] = cost[0][j - 1] + len(hyp[j - 1])
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j] + len(truth[i - 1]),
                cost[i][j - 1] + len(hyp[j - 1]),
                cost[i - 1][j - 1] + edit_distance(truth[i - 1], hyp[j - 1]),
            )
    pairs: list[tuple[str | None, str | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if (
            i > 0
            and j > 0
            and cost[i][j] == cost[i - 1][j - 1] + edit_distance(truth[i - 1], hyp[j - 1])
        ):
            pairs.append((truth[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + len(truth[i - 1]):
            pairs.append((truth[i - 1], None))
            i -= 1
        else:
            pairs.append((None, hyp[j - 1]))
            j -= 1
    return pairs[::-1]


def non_numeric(text: str) -> str:
    return TOKEN.sub("", text).replace(" ", "")


@dataclass(slots=True)
class Score:
    """Running totals for one table row."""

    lines: int = 0
    digits: int = 0
    digit_errors: int = 0
    false_digits: int = 0
    tokens: int = 0
    exact: int = 0
    text_chars: int = 0
    text_errors: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)

    def add(self, truth: str, hyp: str) -> None:
        self.lines += 1
        t, h = tokens(truth), tokens(hyp)
        for a, b in align(t, h):
            if a is None:
                self.false_digits += len(digits_of(b or ""))
                self.digit_errors += len(digits_of(b or ""))
                continue
            self.tokens += 1
            self.digits += len(digits_of(a))
            self.digit_errors += edit_distance(digits_of(a), digits_of(b or ""))
            if a == b:
                self.exact += 1
            elif len(self.misses) < 40:
                self.misses.append((a, b or ""))
        tt, ht = non_numeric(truth), non_numeric(hyp)
        self.text_chars += len(tt)
        self.text_errors += edit_distance(tt, ht)

    def merge(self, other: Score) -> None:
        for name in (
            "lines",
            "digits",
            "digit_errors",
            "false_digits",
            "tokens",
            "exact",
            "text_chars",
            "text_errors",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses[: max(0, 40 - len(self.misses))])

    @property
    def digit_acc(self) -> float:
        return 1.0 - self.digit_errors / self.digits if self.digits else 1.0

    @property
    def exact_rate(self) -> float:
        return self.exact / self.tokens if self.tokens else 1.0

    @property
    def text_cer(self) -> float:
        return self.text_errors / self.text_chars if self.text_chars else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "lines": self.lines,
            "digits": self.digits,
            "tokens": self.tokens,
            "digit_accuracy": round(self.digit_acc, 5),
            "token_exact": round(self.exact_rate, 5),
            "false_digits": self.false_digits,
            "text_cer": round(self.text_cer, 5),
        }
