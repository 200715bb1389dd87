"""The gunicorn worker of ``ckg serve``: one request at a time, SPARQL queries read, evaluated and answered in place.

Most of a small query's time went to the request path, not the engine (README, "Benchmarks"):
gunicorn's own parsing and response code, every worker woken for each connection, and two
process hops to a killable executor and back. This worker keeps gunicorn's master (worker
restarts, graceful shutdown, logging) and cuts those:

- it waits for connections with ``epoll`` and ``EPOLLEXCLUSIVE``, so a connection wakes one idle
  worker rather than all of them;
- a plain query request (GET, HEAD or POST of /sparql whose head and body have arrived, with no
  transfer coding, ``Expect``, upgrade or proxy header) is read by the small parser here and
  answered through ``QueryEndpoint``, the query evaluated in this process under the watchdog of
  ``web.watchdog`` (time limit and memory cap: the watchdog answers 503 and ends the process);
- every other request goes through gunicorn's parser and response, as with its sync worker,
  and its store work through the killable executors of ``web.querypool``.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import re
import select
import socket
import time
from email.utils import formatdate

from gunicorn import SERVER_SOFTWARE, http, util
from gunicorn.http.wsgi import WSGIErrorsWrapper
from gunicorn.workers.sync import SyncWorker

from extract.errors import CkgError
from web.query_endpoint import METHODS, PATH, QueryEndpoint
from web.watchdog import InProcessQueries, QueryWatchdog

# One read holds the head of any request a client sends to /sparql in one go; longer heads go to gunicorn.
READ_SIZE = 65536
# The idle wait between heartbeats to the master (which kills a worker silent for its whole timeout).
HEARTBEAT_SECONDS = 1.0
# A plain head in one match: the request line (/sparql, a query string of printable ASCII without '#'),
# then fields: a token, a colon, a value without control characters but tab.
_PLAIN_HEAD = re.compile(
    b"(" + b"|".join(method.encode() for method in METHODS) + b") (" + re.escape(PATH.encode())
    + rb"(?:\?[\x21-\x22\x24-\x7e]*)?) (HTTP/1\.[01])"
    + rb"((?:\r\n[!#$%&'*+\-.^`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*)*)"
)
# Headers whose meaning this reader does not implement: gunicorn's path answers those requests.
_NOT_PLAIN = frozenset({"TRANSFER_ENCODING", "EXPECT", "UPGRADE", "FORWARDED", "X_FORWARDED_PROTO",
                        "X_FORWARDED_PROTOCOL", "X_FORWARDED_SSL", "SCRIPT_NAME"})
_ONCE = frozenset({"CONTENT_LENGTH", "CONTENT_TYPE", "HTTP_HOST"})


class Incomplete(Exception):
    """The head (or body) of the request has not all arrived yet."""


def plain_query_request(data: bytes) -> tuple[dict, bytes, int] | None:
    """``(environ, body so far, content length)`` of a plain /sparql request, None for anything else.

    Raises ``Incomplete`` when the head has not all arrived. Only what this reader fully understands
    is plain; everything else (odd syntax included) is left to gunicorn, which answers errors too.
    """
    head, separator, rest = data.partition(b"\r\n\r\n")
    if not separator:
        raise Incomplete
    match = _PLAIN_HEAD.fullmatch(head)
    if match is None:
        return None
    method, target, protocol, fields = (part.decode("latin-1") for part in match.groups())
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": target,
        "PATH_INFO": PATH,
        "QUERY_STRING": target.partition("?")[2],
        "SERVER_PROTOCOL": protocol,
    }
    for line in fields.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        key = name.upper().replace("-", "_")
        if key in _NOT_PLAIN or key.startswith("X_FORWARDED"):
            return None
        key = key if key in ("CONTENT_LENGTH", "CONTENT_TYPE") else "HTTP_" + key
        value = value.strip(" \t")
        if key in environ:
            if key in _ONCE:
                return None
            value = f"{environ[key]},{value}"
        environ[key] = value
    length = environ.get("CONTENT_LENGTH", "0")
    if not length.isdigit() or (method != "POST" and int(length)):
        return None
    return environ, rest, int(length)


class QueryWorker(SyncWorker):
    """A sync worker that answers plain /sparql queries itself and waits for connections without a stampede."""

    def run(self) -> None:
        endpoint = self.wsgi.wsgi_app
        if not isinstance(endpoint, QueryEndpoint):
            raise TypeError("QueryWorker serves the app of server.create_app")
        self.endpoint = endpoint
        self.app = self.wsgi
        config = endpoint.state.config
        self.watchdog = QueryWatchdog(self._stop_query, config.max_memory_mb * 2**20 or None)
        endpoint.state.queries = InProcessQueries(config.store, self.watchdog)
        # What the watchdog needs to answer the request in progress: its socket, environ and start time.
        self.client: socket.socket | None = None
        self.environ: dict = {}
        self.started = 0.0
        self.wsgi = self._remember_environ
        self.plain_requests = not os.environ.get("SCRIPT_NAME")
        self.base_environ = {
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": self.cfg.workers > 1,
            "wsgi.run_once": False,
            "wsgi.url_scheme": "http",
            "wsgi.input_terminated": True,
            "wsgi.errors": WSGIErrorsWrapper(self.cfg),
            "SERVER_SOFTWARE": SERVER_SOFTWARE,
            "SCRIPT_NAME": "",
        }
        self._date = (0, "")
        self.access_log_format = self.cfg.access_log_format
        for listener in self.sockets:
            listener.setblocking(False)
        # gunicorn's socket objects pass every attribute on to the socket they wrap: use that socket itself.
        listeners = {listener.fileno(): listener.sock for listener in self.sockets}
        self.addresses = {descriptor: listener.getsockname()[:2] for descriptor, listener in listeners.items()}
        # The app and its modules live as long as the worker: keep them out of every garbage collection.
        gc.freeze()
        poller = select.epoll()
        for descriptor in listeners:
            poller.register(descriptor, select.EPOLLIN | select.EPOLLEXCLUSIVE)
        poller.register(self.PIPE[0], select.EPOLLIN)
        notified = 0.0
        while self.alive:
            if time.monotonic() - notified >= HEARTBEAT_SECONDS:
                # Once a heartbeat, not once a connection (a system call each): an orphan still ends within a second.
                if not self.is_parent_alive():
                    break
                self.notify()
                notified = time.monotonic()
            for descriptor, _ in poller.poll(HEARTBEAT_SECONDS):
                if descriptor == self.PIPE[0]:
                    os.read(self.PIPE[0], 4096)
                elif self.alive:
                    self._accept(listeners[descriptor])

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.ECONNABORTED):  # taken by another worker, or gone already
                return
            raise
        self.handle(listener, client, address)  # blocking: Python makes a non-blocking listener's sockets so

    def _remember_environ(self, environ: dict, start_response: object) -> object:
        self.environ = environ
        return self.app(environ, start_response)

    def handle(self, listener: socket.socket, client: socket.socket, address: tuple) -> None:
        """Answer one connection: a plain query here, anything else the sync worker's way."""
        self.client, self.environ, self.started = client, {}, time.perf_counter()
        try:
            data = client.recv(READ_SIZE)
            if not data:
                client.close()
                return
            request = None
            if self.plain_requests:
                try:
                    request = plain_query_request(data)
                except Incomplete:
                    request = None
            if request is None:
                self._handle_with_gunicorn(listener, client, address, data)
            else:
                self._answer_plain(listener, client, address, *request)
        except OSError as error:
            if error.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN):
                self.log.exception("Socket error processing request.")
            client.close()
        finally:
            self.client = None

    def _handle_with_gunicorn(self, listener: socket.socket, client: socket.socket, address: tuple,
                              data: bytes) -> None:
        """gunicorn's sync path, fed the bytes read already."""
        req = None
        try:
            parser = http.get_parser(self.cfg, client, address)
            parser.unreader.unread(data)
            req = next(parser)
            self.handle_request(listener, req, client, address)
        except (http.errors.NoMoreData, StopIteration):
            pass
        except OSError:
            raise
        except BaseException as error:  # noqa: BLE001 - gunicorn's sync worker answers these (400, 431, 500 …)
            self.handle_error(req, client, address, error)
        finally:
            util.close_graceful(client)

    def _answer_plain(self, listener: socket.socket, client: socket.socket, address: tuple,
                      environ: dict, body: bytes, length: int) -> None:
        whole = length <= self.endpoint.state.config.max_body_bytes
        while whole and len(body) < length:
            more = client.recv(max(READ_SIZE, length - len(body)))
            if not more:
                client.close()
                return
            body += more
        server_name, server_port = self.addresses[listener.fileno()]
        environ.update(self.base_environ)
        environ.update({
            # A body over the limit is not read: the endpoint answers 413 from Content-Length alone.
            "wsgi.input": io.BytesIO(body[:length] if whole else b""),
            "SERVER_NAME": server_name,
            "SERVER_PORT": str(server_port),
            "REMOTE_ADDR": address[0] if address else "",
            "REMOTE_PORT": str(address[1]) if address else "",
        })
        self.environ = environ
        self.nr += 1
        if self.nr >= self.max_requests:
            self.alive = False
        try:
            # The endpoint itself: Flask (and its WSGI call) only for /sparql without a query.
            status, headers, answer = self.endpoint.respond(environ) or self._call_app(environ)
        except Exception as error:  # noqa: BLE001 - answered in the one JSON shape, logged with its traceback
            status, headers, answer = self.endpoint.finish(self.endpoint.error_answer(error), environ)
        sent = self._send(client, status, headers, answer)
        self._log_access(status, sent)
        if whole and len(body) == length:
            client.close()
        else:  # unread bytes would turn the close into a reset that may cut the answer short
            util.close_graceful(client)

    def _call_app(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
        started: list = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> object:
            started[:] = [status, headers]
            return chunks.append

        chunks: list[bytes] = []
        result = self.app(environ, start_response)
        try:
            chunks.extend(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return started[0], started[1], b"".join(chunks)

    def _send(self, client: socket.socket, status: str, headers: list[tuple[str, str]], body: bytes) -> int:
        """Write the response (the connection closes after it); the number of body bytes."""
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, formatdate(now, usegmt=True))
        head = "".join([f"HTTP/1.1 {status}\r\n", *(f"{name}: {value}\r\n" for name, value in headers),
                        f"Date: {self._date[1]}\r\nConnection: close\r\n\r\n"]).encode("latin-1")
        if self.environ.get("REQUEST_METHOD") == "HEAD":
            body = b""
        if len(body) < READ_SIZE:
            client.sendall(head + body)
        else:
            client.sendall(head)
            client.sendall(body)
        return len(body)

    def _log_access(self, status: str, sent: int) -> None:
        """One access log line, in the configured format, written straight to the access log's streams.

        gunicorn's ``access()`` builds every atom it knows and a logging record: 40–70 µs a request,
        a quarter of a small query's whole time in this process. The format names only these atoms.
        """
        if not self.log.access_log_enabled:
            return
        environ = self.environ
        elapsed = time.perf_counter() - self.started
        request_line = f"{environ.get('REQUEST_METHOD')} {environ.get('RAW_URI')} {environ.get('SERVER_PROTOCOL')}"
        atoms = {
            "h": environ.get("REMOTE_ADDR", "-"),
            "r": request_line.replace('"', '\\"'),
            "s": status.split(None, 1)[0],
            "b": str(sent),
            "M": int(elapsed * 1000),
            "a": environ.get("HTTP_USER_AGENT", "-").replace('"', '\\"'),
        }
        line = self.access_log_format % atoms + "\n"
        for handler in self.log.access_log.handlers:
            handler.acquire()
            try:
                handler.stream.write(line)
                handler.flush()
            finally:
                handler.release()

    def _stop_query(self, error: CkgError, reason: str) -> None:
        """The watchdog's answer to a query past its limit: the 503, then this process ends (never returns)."""
        try:
            state = self.endpoint.state
            state.metrics.record_query(time.perf_counter() - self.started)
            state.metrics.record_executor_restart(reason)
            self.log.warning("query process %s stopped: %s", os.getpid(), error.message)
            client = self.client
            if client is not None:
                status, headers, body = self.endpoint.finish(self.endpoint.error_answer(error), self.environ)
                client.settimeout(1.0)
                sent = self._send(client, status, headers, body)
                self._log_access(status, sent)
                client.shutdown(socket.SHUT_WR)
        finally:
            os._exit(1)
