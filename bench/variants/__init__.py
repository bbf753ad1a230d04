"""Accuracy beyond the sample corpus: variants of the sample specs (other agencies, fonts)."""
