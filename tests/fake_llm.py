"""A fake OpenAI-compatible chat-completions server for tests (no pytest needed to import it).

    with FakeLLMServer(['{"ok": true}', 500, Delay(2.0), Raw(b"\\xff")]) as llm:
        config = LLMConfig(base_url=llm.base_url, model="fake")
        ...
        llm.requests[0].body["messages"]

Each POST to ``{base_url}/chat/completions`` takes the next scripted reply:

- a ``str`` (or :class:`Content`): wrapped in a proper ``chat.completion`` response;
- an ``int`` (or :class:`Status`): that HTTP status with an OpenAI-style error body;
- :class:`Delay`: wait that many seconds (to trigger client timeouts), then answer ``then``;
- :class:`Raw`: exactly these bytes as the body (e.g. invalid JSON).

When the script is used up the server answers ``default`` (HTTP 500 unless given). Every request
is recorded in ``.requests`` (method, path, headers, parsed JSON body). ``GET {base}/models``
lists the model; any other path is 404. ``on_chat``, when given, is called (in the server's
thread) with each chat request before it is answered, while the caller waits for the answer.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Content:
    """A successful answer whose ``choices[0].message.content`` is ``text``."""

    text: str
    finish_reason: str = "stop"


@dataclass(frozen=True)
class Status:
    """An HTTP error status with an OpenAI-style error body (or ``body`` when given)."""

    code: int
    body: bytes | None = None


@dataclass(frozen=True)
class Delay:
    """Wait ``seconds`` before answering ``then`` (nothing is sent if the server stops first)."""

    seconds: float
    then: Reply = Content("{}")


@dataclass(frozen=True)
class Raw:
    """Exactly ``body`` with ``status`` and ``content_type``."""

    body: bytes
    status: int = 200
    content_type: str = "application/json"


Reply = str | int | Content | Status | Delay | Raw


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    raw: bytes
    body: Any  # the parsed JSON body, or None when it was not JSON

    def header(self, name: str) -> str | None:
        """A header by case-insensitive name."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class _State:
    prefix: str
    model: str
    default: Reply
    on_chat: Callable[[RecordedRequest], None] | None = None
    replies: deque[Reply] = field(default_factory=deque)
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


def completion(
    content: str, *, model: str = "fake-model", finish_reason: str = "stop"
) -> dict[str, Any]:
    """The JSON of a ``chat.completion`` response answering ``content``."""
    return {
        "id": f"chatcmpl-fake-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": max(1, len(content) // 2),
            "total_tokens": 10 + max(1, len(content) // 2),
        },
    }


def _error_body(code: int) -> bytes:
    kind = "invalid_request_error" if code < 500 else "server_error"
    error = {"message": f"fake server error {code}", "type": kind, "code": code}
    return json.dumps({"error": error}).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers=dict(self.headers.items()),
            raw=raw,
            body=body,
        )
        with self.server.state.lock:
            self.server.state.requests.append(request)
        return request

    def do_GET(self) -> None:
        self._record()
        state = self.server.state
        if self.path == f"{state.prefix}/models":
            listing = {"object": "list", "data": [{"id": state.model, "object": "model"}]}
            self._send(200, json.dumps(listing).encode())
        else:
            self._send(404, _error_body(404))

    def do_POST(self) -> None:
        request = self._record()
        state = self.server.state
        if self.path != f"{state.prefix}/chat/completions":
            self._send(404, _error_body(404))
            return
        if state.on_chat is not None:
            state.on_chat(request)
        with state.lock:
            reply = state.replies.popleft() if state.replies else state.default
        self._answer(reply)

    def _answer(self, reply: Reply) -> None:
        state = self.server.state
        try:
            if isinstance(reply, Delay):
                if state.stopping.wait(reply.seconds):
                    return
                self._answer(reply.then)
            elif isinstance(reply, str | Content):
                content = reply if isinstance(reply, str) else reply.text
                finish = "stop" if isinstance(reply, str) else reply.finish_reason
                answer = completion(content, model=state.model, finish_reason=finish)
                self._send(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"))
            elif isinstance(reply, int | Status):
                code = reply if isinstance(reply, int) else reply.code
                body = reply.body if isinstance(reply, Status) and reply.body is not None else None
                self._send(code, body if body is not None else _error_body(code))
            elif isinstance(reply, Raw):
                self._send(reply.status, reply.body, reply.content_type)
            else:  # pragma: no cover - a mistake in the test's script
                raise TypeError(f"unknown scripted reply {reply!r}")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    state: _State


class FakeLLMServer:
    """An OpenAI-compatible server on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(
        self,
        replies: Iterable[Reply] = (),
        *,
        model: str = "fake-model",
        prefix: str = "/v1",
        default: Reply = 500,
        on_chat: Callable[[RecordedRequest], None] | None = None,
    ) -> None:
        self._state = _State(
            prefix=prefix.rstrip("/"), model=model, default=default, on_chat=on_chat
        )
        self._state.replies.extend(replies)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeLLMServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.state = self._state
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- where and what ------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake LLM server is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self._state.prefix}"

    @property
    def model(self) -> str:
        return self._state.model

    def env(self, **extra: str) -> dict[str, str]:
        """``LLM_*`` environment variables pointing at this server (``extra`` overrides)."""
        return {"LLM_BASE_URL": self.base_url, "LLM_MODEL": self.model, **extra}

    # -- the script ------------------------------------------------------------------------
    def add(self, *replies: Reply) -> None:
        """Append scripted replies."""
        with self._state.lock:
            self._state.replies.extend(replies)

    def reply_json(self, value: Any) -> None:
        """Append an answer whose content is ``value`` as JSON text."""
        self.add(json.dumps(value, ensure_ascii=False))

    @property
    def on_chat(self) -> Callable[[RecordedRequest], None] | None:
        """Called with each chat request before it is answered (None: nothing is called)."""
        return self._state.on_chat

    @on_chat.setter
    def on_chat(self, hook: Callable[[RecordedRequest], None] | None) -> None:
        self._state.on_chat = hook

    @property
    def pending(self) -> int:
        """How many scripted replies are still unused."""
        with self._state.lock:
            return len(self._state.replies)

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, in order (a copy)."""
        with self._state.lock:
            return list(self._state.requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def clear(self) -> None:
        """Forget recorded requests and unused replies."""
        with self._state.lock:
            self._state.requests.clear()
            self._state.replies.clear()
