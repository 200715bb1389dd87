"""RDF file formats: names, extensions, and one-line errors naming file and position."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from extract.errors import CkgError

from .formats import file_formats


class RdfInputError(CkgError):
    """An RDF input that cannot be read; the message names the file and position."""


def format_for(path: Path, name: str | None = None) -> ox.RdfFormat:
    """The RDF format named on the command line, else guessed from the file extension."""
    key = (name or path.suffix.lstrip(".")).lower()
    formats = file_formats()
    try:
        return formats[key]
    except KeyError:
        known = ", ".join(sorted(formats))
        raise RdfInputError(f"{path}: unknown RDF format {key!r} (use --format with one of: {known})") from None


def check_readable(path: Path) -> None:
    """Fail early, with the file named, for a missing path, a directory or an empty file."""
    if not path.exists():
        raise RdfInputError(f"{path}: no such file")
    if path.is_dir():
        raise RdfInputError(f"{path}: is a directory, not an RDF file")
    if path.stat().st_size == 0:
        raise RdfInputError(f"{path}: empty file")


_POSITION = re.compile(r"\b(?:at|line) (\d+)(?::| between columns | column )(\d+)")


def syntax_position(error: SyntaxError) -> tuple[int | None, int | None]:
    """Line and column of a pyoxigraph RDF or SPARQL parse error (1-based), when it gives them."""
    if error.lineno:
        return error.lineno, error.offset
    match = _POSITION.search(str(error.msg))
    return (int(match[1]), int(match[2])) if match else (None, None)


def describe_syntax_error(path: Path | str, error: SyntaxError) -> str:
    """``file:line:column: message`` from a pyoxigraph parser error."""
    line, column = syntax_position(error)
    position = f":{line}:{column}" if line is not None else ""
    message = str(error.msg).splitlines()[0]
    return f"{path}{position}: {message}"
