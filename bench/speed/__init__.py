"""Throughput, CPU and memory of itadoc's CLI next to bare pdftotext / tesseract."""
