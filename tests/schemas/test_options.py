from __future__ import annotations

from schemas.options import Options


def test_latin_passes_read_with_english_added_once() -> None:
    assert Options().latin_language == "tha+eng"
    assert Options(ocr_language="tha+eng").latin_language == "tha+eng"
    assert Options(ocr_language="eng+tha").latin_language == "eng+tha"


def test_the_languages_a_run_needs() -> None:
    assert Options().tesseract_languages == ["tha", "eng"]
    assert Options(latin_words=False).tesseract_languages == ["tha"]
    assert Options(ocr_language="tha+eng").tesseract_languages == ["tha", "eng"]
