"""The one loader of the TOML data files: parsed, checked against their schema, any fault a one-line error.

A schema is a tree of ``Section`` classes (msgspec structs that forbid unknown fields), one per
table of the file, kept next to the data it describes (``extract/data/schema.py`` for the
extractor's files). Checking is all msgspec does here: callers get the parsed TOML itself.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import msgspec

from extract.errors import CkgError


class Section(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A table of a data file: its fields are the keys it may hold."""


class DataFileError(CkgError):
    """A shipped data file that does not fit its schema: a fault of the installation, not of the input."""

    status = 500
    type = "bad-data-file"


# msgspec's wording: "Object contains unknown field `x` - at `$.a.b`".
_FIELD = re.compile(r"^Object (?:contains unknown|missing required) field `(?P<field>[^`]*)`")
_AT = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")


def read_data_file(package: str, path: str, schema: type[Section]) -> dict[str, Any]:
    """The TOML file ``path`` of ``package`` (``"graph"``, ``"data/wikidata.toml"``), checked against ``schema``."""
    name = f"{package.replace('.', '/')}/{path}"
    return load_toml(resources.files(package).joinpath(path), schema, name)


def load_toml(source: Traversable | Path, schema: type[Section], name: str) -> dict[str, Any]:
    """The parsed TOML file ``source``, checked against ``schema``; ``name`` is how errors call the file."""
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DataFileError(f"{name}: {error}") from None
    try:
        msgspec.convert(data, schema)
    except msgspec.ValidationError as error:
        raise DataFileError(f"{name}: {describe(str(error), schema)}") from None
    return data


def describe(message: str, schema: type[Section]) -> str:
    """msgspec's validation message said with the file's dotted key ("unknown key territory.head_nouns")."""
    at = _AT.search(message)
    path = at.group("path") if at else ""
    message = message[: at.start()] if at else message
    field = _FIELD.match(message)
    if field:
        key = ".".join(part for part in (path, field.group("field")) if part)
        if "unknown" in message:
            return f"unknown key {key} (a key is declared in {schema.__module__.replace('.', '/')}.py)"
        return f"missing key {key}"
    return f"{path}: {message[:1].lower()}{message[1:]}" if path else message
