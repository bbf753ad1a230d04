"""Field accuracy of itadoc vs a pdftotext/tesseract baseline on the sample corpus."""
