"""Content negotiation, in one function, over the formats of ``graph.formats``."""

from __future__ import annotations

import gzip

from werkzeug.http import parse_accept_header

from graph.formats import GRAPH_FORMATS, RESULT_FORMATS, Format
from web.errors import not_acceptable

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "Format", "gzip_body", "gzip_wanted", "negotiate"]


def _parse_accept(accept: str) -> list[tuple[str, float, int]]:
    """Media ranges of an Accept header as (range, q, position)."""
    ranges = []
    for position, item in enumerate(accept.split(",")):
        parts = [part.strip() for part in item.split(";")]
        if not parts[0]:
            continue
        quality = 1.0
        for parameter in parts[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((parts[0].lower(), quality, position))
    return ranges


def _specificity(candidate: Format, media_range: str) -> int:
    """How closely a media range names a format: 3 exact, 2 alias, 1 ``type/*``, 0 ``*/*``, -1 not at all."""
    if media_range == candidate.media_type:
        return 3
    if media_range in candidate.aliases:
        return 2
    if media_range == candidate.media_type.split("/")[0] + "/*":
        return 1
    return 0 if media_range == "*/*" else -1


def negotiate(accept: str | None, format_name: str | None, offered: tuple[Format, ...]) -> Format:
    """Pick the format for a response: ``?format=`` wins, then the best Accept match by q-value.

    Exact media types beat ``type/*``, which beats ``*/*``; among equals the
    client's order, then ours, decides. Raises 406 (listing what is offered) when
    nothing fits.
    """
    if format_name:
        wanted = format_name.strip().lower()
        for candidate in offered:
            if wanted in candidate.names or wanted == candidate.media_type or wanted in candidate.aliases:
                return candidate
        raise not_acceptable([candidate.media_type for candidate in offered])
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, candidate in enumerate(offered):
        # The most specific range that matches decides the candidate's quality.
        match = max(
            ((_specificity(candidate, media_range), quality, position) for media_range, quality, position in ranges),
            default=(-1, 0.0, 0),
        )
        specificity, quality, position = match
        if specificity < 0 or quality <= 0:
            continue
        score = (quality, specificity, -position, -rank)
        if best is None or score > best:
            best, chosen = score, candidate
    if chosen is None:
        raise not_acceptable([candidate.media_type for candidate in offered])
    return chosen


# Smaller bodies gain less from compression than it costs.
GZIP_MIN_BYTES = 1024


def gzip_wanted(accept_encoding: str | None, status: int, size: int) -> bool:
    """Whether to gzip a response: the client accepts gzip, and it is a 200 worth compressing."""
    return bool(
        accept_encoding and status == 200 and size >= GZIP_MIN_BYTES and parse_accept_header(accept_encoding)["gzip"]
    )


def gzip_body(body: bytes) -> bytes:
    """The body compressed for ``Content-Encoding: gzip``."""
    return gzip.compress(body, compresslevel=5)
