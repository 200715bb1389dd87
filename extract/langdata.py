"""Language data files (``extract/data/{language}/{name}.toml``), loaded once and cached."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_language_data(language: str, name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``extract/data/{language}/{name}.toml``."""
    resource = resources.files("extract.data").joinpath(language, f"{name}.toml")
    return tomllib.loads(resource.read_text(encoding="utf-8"))
