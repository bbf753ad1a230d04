"""Typed errors with stable codes.

They live in `schemas` (the bottom layer, importing nothing of ours) because every stage raises
them and because their `code` strings are part of the output contract: they are what
`errors.jsonl` records and what a warehouse filters on. `itadoc.errors` re-exports them and maps
them to process exit codes; only the CLI turns them into exit statuses.

Rules: one subclass per failure kind; `code` never changes once released; the message says what
happened *and what the user can do about it*.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit statuses of the `itadoc` CLI."""

    OK = 0
    PARTIAL_FAILURE = 1
    """Some (or all) inputs failed; every other input was still written."""
    BAD_ARGS = 2
    """The command line itself is wrong (argparse uses 2 too)."""
    MISSING_DEPENDENCY = 3
    """tesseract or its Thai data is not installed."""
    INVALID_OUTPUT = 5
    """`itadoc validate` found a document that breaks the schema."""
    OUTPUT_LOCKED = 6
    """Another itadoc run is writing to the same output folder."""
    OUTPUT_UNWRITABLE = 7
    """The output folder cannot be written (permissions, disk full)."""
    INTERRUPTED = 130


class ItadocError(Exception):
    """Base of every error itadoc raises on purpose."""

    code: str = "itadoc_error"
    exit_code: ExitCode = ExitCode.PARTIAL_FAILURE

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None):
        self.message = message
        self.path = path
        self.page = page
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f" page {self.page}" if self.page is not None else "") + ": "
        return f"{where}{self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries in the batch runner; keep keyword state on pickling.
        return (_rebuild_error, (type(self), self.message, self.path, self.page))


def _rebuild_error(
    cls: type[ItadocError], message: str, path: str | None, page: int | None
) -> ItadocError:
    return cls(message, path=path, page=page)


class InputError(ItadocError):
    """The input path cannot be used at all (missing, unreadable, a directory without PDFs)."""

    code = "input_not_found"


class InputUnreadableError(InputError):
    code = "input_unreadable"


class NoPdfFoundError(InputError):
    code = "no_pdf_found"


class EmptyFileError(InputError):
    code = "empty_file"


class NotAPdfError(InputError):
    code = "not_a_pdf"


class CorruptPdfError(InputError):
    """The file starts like a PDF but cannot be parsed (truncated, broken beyond repair)."""

    code = "corrupt_pdf"


class EncryptedPdfError(InputError):
    code = "encrypted_pdf"


class NoPagesError(InputError):
    code = "no_pages"


class ResourceLimitError(ItadocError):
    """The file would need more pages, pixels or memory than the configured limits allow."""

    code = "resource_limit"


class MemoryLimitError(ResourceLimitError):
    """The worker went over the per-worker memory limit and was stopped."""

    code = "memory_limit"


class MissingDependencyError(ItadocError):
    """An external program itadoc needs (tesseract, its Thai data) is not installed."""

    code = "missing_dependency"
    exit_code = ExitCode.MISSING_DEPENDENCY


class OcrError(ItadocError):
    """tesseract failed on a page."""

    code = "ocr_failed"


class OcrTimeoutError(OcrError):
    code = "ocr_timeout"


class RenderError(ItadocError):
    """A page could not be rendered to an image."""

    code = "render_failed"


class FileTimeoutError(ItadocError):
    """The whole file took longer than the per-file time limit."""

    code = "file_timeout"


class WorkerCrashedError(ItadocError):
    """The worker process died (segfault, killed for memory) while handling the file."""

    code = "worker_crashed"


class OutputLockedError(ItadocError):
    """OUTDIR is in use by another itadoc run; two runs would overwrite each other's files."""

    code = "output_locked"
    exit_code = ExitCode.OUTPUT_LOCKED


class OutputUnwritableError(ItadocError):
    """An output file cannot be written: no permission, no space left, read-only file system."""

    code = "output_unwritable"
    exit_code = ExitCode.OUTPUT_UNWRITABLE


class SegmentNotFoundError(ItadocError):
    """The document has none of the sections of an ITA report (wrong kind of document?)."""

    code = "not_an_ita_report"


class ValidationFailedError(ItadocError):
    """A document breaks the output schema."""

    code = "schema_validation_failed"
    exit_code = ExitCode.INVALID_OUTPUT


class InternalError(ItadocError):
    """A bug: an unexpected exception inside itadoc. Please report it with the file."""

    code = "internal_error"


ERROR_CODES: dict[str, type[ItadocError]] = {
    cls.code: cls
    for cls in (
        InputError,
        InputUnreadableError,
        NoPdfFoundError,
        EmptyFileError,
        NotAPdfError,
        CorruptPdfError,
        EncryptedPdfError,
        NoPagesError,
        ResourceLimitError,
        MemoryLimitError,
        MissingDependencyError,
        OcrError,
        OcrTimeoutError,
        RenderError,
        FileTimeoutError,
        WorkerCrashedError,
        OutputLockedError,
        OutputUnwritableError,
        SegmentNotFoundError,
        ValidationFailedError,
        InternalError,
    )
}
