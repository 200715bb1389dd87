"""The extraction cache of a store (``STORE/cache/{extractor fingerprint}/{article key}.nq``), kept bounded.

An entry is one article's quads as N-Quads. Entries of another extractor fingerprint can
never be used again (the code or data changed), so they go at once; of the rest, the
least recently used go until the cache fits its size limit. Entries the running build
uses are never removed, so the limit bounds what is kept *beyond* the current corpus.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = "cache"
DEFAULT_MAX_MB = 1024


@dataclass(frozen=True)
class Pruned:
    """What a pruning removed."""

    files: int
    bytes: int


def cache_dir(store_dir: Path, fingerprint: str) -> Path:
    """Where entries of this extractor fingerprint live (created)."""
    directory = Path(store_dir) / CACHE_DIR / fingerprint
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def mark_used(entries: Collection[Path]) -> None:
    """Record that a build used these entries (their modification time orders the eviction)."""
    for entry in entries:
        if entry.is_file():
            os.utime(entry)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(child.stat().st_size for child in path.rglob("*") if child.is_file())


def prune(store_dir: Path, fingerprint: str | None, in_use: Collection[Path], max_bytes: int) -> Pruned:
    """Delete other fingerprints' entries and leftovers, then least recently used entries beyond ``max_bytes``.

    ``fingerprint`` None keeps every fingerprint's entries (``ckg gc`` does not hash the extractor).
    Run with the store's build lock held: no build is writing entries meanwhile.
    """
    root = Path(store_dir) / CACHE_DIR
    if not root.is_dir():
        return Pruned(0, 0)
    files = freed = 0
    entries: list[Path] = []
    for child in root.iterdir():
        if child.is_dir() and (fingerprint is None or child.name == fingerprint):
            for entry in child.iterdir():
                if entry.suffix == ".nq":
                    entries.append(entry)
                else:  # a ".partial" left by a killed build
                    files, freed = files + 1, freed + _size(entry)
                    entry.unlink()
            continue
        # Another extractor's entries, or a layout older than fingerprint folders.
        files, freed = files + (sum(1 for _ in child.rglob("*")) if child.is_dir() else 1), freed + _size(child)
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    kept = {Path(entry).resolve() for entry in in_use}
    total = sum(entry.stat().st_size for entry in entries)
    for entry in sorted(entries, key=lambda path: path.stat().st_mtime):
        if total <= max_bytes:
            break
        if entry.resolve() in kept:
            continue
        size = entry.stat().st_size
        entry.unlink()
        files, freed, total = files + 1, freed + size, total - size
    return Pruned(files, freed)
