"""Sample corpus of ITA report PDFs with ground truth (see samples/README.md)."""
