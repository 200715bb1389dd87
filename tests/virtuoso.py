"""A real Virtuoso for the remote-store tests, started with a private database and stopped after them.

Virtuoso comes from Debian's ``virtuoso-opensource`` (``scripts/install-system-deps.sh``
installs it). The server runs with a private database in a temporary directory, on
free ports bound to 127.0.0.1.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.live.conftest import free_port

VIRTUOSO = shutil.which("virtuoso-t")
START_SECONDS = 90
# A fresh Virtuoso database has the administrator dba with password dba.
ADMIN = "dba:dba"

NO_VIRTUOSO = "virtuoso-t is not installed (apt package virtuoso-opensource; scripts/install-system-deps.sh)"
needs_virtuoso = pytest.mark.skipif(VIRTUOSO is None, reason=NO_VIRTUOSO)

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@contextmanager
def running_virtuoso(directory: Path) -> Iterator[str]:
    """Start Virtuoso with its database in ``directory``; yields its SPARQL endpoint URL, stops it after."""
    http_port = free_port()
    (directory / "virtuoso.ini").write_text(
        INI.format(dir=directory, sql_port=free_port(), http_port=http_port), encoding="utf-8"
    )
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
        cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (directory / "virtuoso.log").read_text(errors="replace")[-2000:]
                    pytest.fail(f"Virtuoso did not start:\n{log}")
                time.sleep(0.5)
        yield endpoint
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def admin_url(endpoint: str) -> str:
    """The endpoint URL with the administrator's credentials (for writes)."""
    return endpoint.replace("http://", f"http://{ADMIN}@")
