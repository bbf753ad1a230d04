"""Wrappers of external programs, one module each (OCRmyPDF's `_exec/` idea).

Each module offers a `probe()` that says whether the program is usable (with an install hint)
and a `run()` that takes list arguments, enforces a timeout, logs stderr at DEBUG and raises a
typed error. Nothing else in itadoc starts a process, so fault injection in tests patches these.
"""
