"""Digit benchmark: stock tesseract vs tesseract + the digit re-reader, on held-out fonts."""
