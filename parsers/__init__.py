"""Pages in, typed sections out: Thai text repair, numerals, dates and the section parsers.

Pure functions on the page model: nothing here opens a file or runs a program, so every parser
is tested on stored page data. The entry point is `parsers.document.parse`.
"""
