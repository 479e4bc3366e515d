"""The command line run inside the test's own process, for tests about what a command prints and
its exit status: ``pricing.cli.main`` with stdin, stdout and stderr of its own, from the
repository's root, as ``python -m pricing`` runs it there. A process costs 0.2-0.6 s to start
and import (the machine's PYTHONDONTWRITEBYTECODE recompiles every module in each); the call costs
what the command costs. Every command is also run as a real process somewhere
(tests/test_engine_cli.py, test_no_traceback.py, test_contract_cli.py, test_packaging.py): a
process is what a user runs."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from pricing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, text: bool = True) -> subprocess.CompletedProcess:
    """``python -m pricing ARGS`` with stdin at end of file, as a CompletedProcess: stdout and
    stderr as text, or as UTF-8 bytes with ``text=False``, like subprocess.run's."""
    stdin, stdout, stderr = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(3))
    with (
        contextlib.chdir(ROOT),
        _replaced_stdin(stdin),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse ends --help this way, as it ends the process
            code = _exit_status(stop.code, stderr)
    out, err = (_written(stream) for stream in (stdout, stderr))
    if text:
        return subprocess.CompletedProcess(["pricing", *args], code, out.decode(), err.decode())
    return subprocess.CompletedProcess(["pricing", *args], code, out, err)


@contextlib.contextmanager
def _replaced_stdin(stream: io.TextIOWrapper):
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved


def _exit_status(code: object, stderr: io.TextIOWrapper) -> int:
    """The status the interpreter gives sys.exit(code): None is 0, any other object is printed
    and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


def _written(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()
