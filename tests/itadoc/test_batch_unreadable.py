"""An input the user cannot read becomes an `input_unreadable` line, for real.

Tests run as root here and in CI, and root reads everything, so the CLI runs in a child whose
capability bounding set lacks CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: the kernel then
enforces the file modes on it, and the EACCES it gets is the one a normal user would get.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from batch_helpers import cli_env, copy_sample

DROP_DAC_THEN_EXEC = """
import ctypes, os, sys
if os.geteuid() == 0:  # an ordinary user is bound by file modes already
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""
"""Drop the capabilities in a wrapper that then execs the CLI: the kernel recomputes root's
capabilities at exec from the reduced bounding set (no preexec_fn in a threaded pytest)."""


def test_unreadable_files_and_folders_are_reported_and_the_rest_is_written(
    tmp_path: Path,
) -> None:
    inp = tmp_path / "in"
    copy_sample(inp / "good.pdf", 1)
    locked = copy_sample(inp / "locked.pdf", 2)
    hidden = copy_sample(inp / "private" / "inside.pdf", 3)
    locked.chmod(0)
    hidden.parent.chmod(0)
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                DROP_DAC_THEN_EXEC,
                "-m",
                "itadoc",
                "extract",
                "in",
                "-o",
                "out",
                "-j",
                "1",
            ],
            cwd=tmp_path,
            env=cli_env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        hidden.parent.chmod(0o755)
        locked.chmod(0o644)
    assert proc.returncode == 1, proc.stderr
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").open()]
    assert {(e["path"], e["code"]) for e in errors} == {
        ("in/locked.pdf", "input_unreadable"),
        ("in/private", "input_unreadable"),
    }
    assert all("permission denied" in e["message"].lower() for e in errors)
    assert (tmp_path / "out" / "good.json").exists()
