"""Language data files (``extract/data/{language}/{name}.toml``), loaded once, checked, and cached."""

from __future__ import annotations

from functools import cache
from typing import Any

from extract.data.schema import PACK_SCHEMAS
from extract.datafile import read_data_file


@cache
def load_language_data(language: str, name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``extract/data/{language}/{name}.toml``, checked against its schema."""
    return read_data_file("extract.data", f"{language}/{name}.toml", PACK_SCHEMAS[name])
