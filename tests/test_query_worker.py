"""The query worker's own request reader and the watchdog that keeps the limits of queries run in process.

The reader only takes requests it fully understands; everything else must be left to gunicorn
(None), so the two paths never disagree on what a request means.
"""

from __future__ import annotations

import threading
import time

import pytest

from extract.errors import CkgError
from web.query_worker import Incomplete, plain_query_request
from web.watchdog import QueryWatchdog

FORM = "application/x-www-form-urlencoded"


def test_a_get_query_is_read_with_its_query_string_and_headers():
    environ, body, length = plain_query_request(
        b"GET /sparql?query=ASK%7B%7D&format=json HTTP/1.1\r\nHost: h:1\r\nAccept: text/csv\r\n"
        b"Accept: application/json\r\n\r\n"
    )
    assert (body, length) == (b"", 0)
    assert environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"] == "/sparql"
    assert environ["QUERY_STRING"] == "query=ASK%7B%7D&format=json"
    assert environ["RAW_URI"] == "/sparql?query=ASK%7B%7D&format=json"
    assert environ["HTTP_HOST"] == "h:1"
    assert environ["HTTP_ACCEPT"] == "text/csv,application/json"  # repeated headers joined, as gunicorn does


def test_a_form_post_is_read_with_the_body_received_so_far():
    environ, body, length = plain_query_request(
        f"POST /sparql HTTP/1.0\r\nContent-Type: {FORM}\r\nContent-Length: 14\r\n\r\nquery=A".encode()
    )
    assert environ["CONTENT_TYPE"] == FORM and environ["CONTENT_LENGTH"] == "14"
    assert environ["SERVER_PROTOCOL"] == "HTTP/1.0"
    assert (body, length) == (b"query=A", 14)


def test_a_head_not_yet_whole_is_incomplete():
    with pytest.raises(Incomplete):
        plain_query_request(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: h")


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /sparql/update HTTP/1.1\r\n\r\n",
        b"GET /resource/x HTTP/1.1\r\n\r\n",
        b"OPTIONS /sparql HTTP/1.1\r\n\r\n",
        b"GET http://h/sparql?query=x HTTP/1.1\r\n\r\n",
        b"GET /sparql?query=x#frag HTTP/1.1\r\n\r\n",
        b"GET /sparql?query=x HTTP/2.0\r\n\r\n",
        b"GET  /sparql HTTP/1.1\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nquery",
        b"POST /sparql HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
        b"GET /sparql?query=x HTTP/1.1\r\nX-Forwarded-Proto: https\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nForwarded: proto=https\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nUpgrade: h2c\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nBad Name: x\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nScript_Name: /x\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\n folded: x\r\n\r\n",
        b"GET /sparql?query=x HTTP/1.1\r\nAccept: a\nb\r\n\r\n",
    ],
)
def test_anything_unusual_is_left_to_gunicorn(request_bytes):
    assert plain_query_request(request_bytes) is None


class Stops:
    """A watchdog's stop callback that records instead of ending the process."""

    def __init__(self) -> None:
        self.calls: list[tuple[CkgError, str]] = []
        self.called = threading.Event()

    def __call__(self, error: CkgError, reason: str) -> None:
        self.calls.append((error, reason))
        self.called.set()


def test_the_watchdog_stops_a_query_past_its_time_limit():
    stops = Stops()
    watchdog = QueryWatchdog(stops, None)
    with watchdog.armed(0.1):
        assert stops.called.wait(5)
    error, reason = stops.calls[0]
    assert reason == "timeout" and error.status == 503 and error.type == "timeout"
    assert "0.1 s" in error.message


def test_the_watchdog_stops_a_query_over_the_memory_cap():
    stops = Stops()
    watchdog = QueryWatchdog(stops, 1)  # this process is always over one byte
    with watchdog.armed(60):
        assert stops.called.wait(5)
    error, reason = stops.calls[0]
    assert reason == "memory" and error.type == "memory-limit"


def test_the_watchdog_leaves_finished_and_idle_work_alone():
    stops = Stops()
    watchdog = QueryWatchdog(stops, 1)
    time.sleep(0.2)  # idle: over the memory cap, but no query runs
    for _ in range(3):
        with watchdog.armed(0.2):
            pass
    time.sleep(0.4)  # past every deadline, all disarmed
    assert stops.calls == []
    assert watchdog.resident_bytes() > 1
