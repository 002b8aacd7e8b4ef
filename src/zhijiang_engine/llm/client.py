"""One adapter for any OpenAI-compatible chat-completions endpoint (vLLM/Qwen, DeepSeek, Ollama…).

Only the standard library is used: ``urllib.request`` to POST ``{base_url}/chat/completions``
and ``json`` to read the answer. Prompts and answers may hold personal data, and the API key is
a secret, so neither is ever logged: the ``zhijiang_engine.llm`` logger only ever sees short
reasons such as ``"HTTP 500"`` or ``"timeout"``.
"""

from __future__ import annotations

import json
import logging
import math
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Any, Protocol

logger = logging.getLogger("zhijiang_engine.llm")

_FENCED = re.compile(r"```[ \t]*(?:json)?[ \t]*\r?\n(.*?)```", re.DOTALL | re.IGNORECASE)
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class LLMConfig:
    """Where the model lives. ``base_url`` ends before ``/chat/completions``, e.g.
    ``http://host:8000/v1``. The key is left out of ``repr`` so that it never reaches a log."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    timeout_seconds: float = 60.0
    max_attempts: int = 2

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> LLMConfig | None:
        """Read ``LLM_BASE_URL``, ``LLM_MODEL``, ``LLM_API_KEY`` and ``LLM_TIMEOUT_SECONDS``.

        ``None`` when ``LLM_BASE_URL`` is unset or empty (no model configured); ``ValueError``
        naming the variable when the configuration is incomplete or malformed.
        """
        base_url = environ.get("LLM_BASE_URL", "").strip()
        if not base_url:
            return None
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                "LLM_BASE_URL must be an http:// or https:// URL such as http://host:8000/v1"
            )
        model = environ.get("LLM_MODEL", "").strip()
        if not model:
            raise ValueError("LLM_MODEL must be set when LLM_BASE_URL is set")
        timeout = 60.0
        raw_timeout = environ.get("LLM_TIMEOUT_SECONDS", "").strip()
        if raw_timeout:
            try:
                timeout = float(raw_timeout)
            except ValueError:
                timeout = math.nan
            if not math.isfinite(timeout) or timeout <= 0:
                raise ValueError("LLM_TIMEOUT_SECONDS must be a positive number of seconds")
        return cls(
            base_url=base_url.rstrip("/"),
            model=model,
            api_key=environ.get("LLM_API_KEY", "").strip(),
            timeout_seconds=timeout,
        )


class LLMError(Exception):
    """The model could not give a usable answer; ``reason`` says why in a few words and never
    holds the prompt, the answer or the key."""

    def __init__(self, reason: str, *, retryable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class Opener(Protocol):
    """What :class:`ChatClient` needs from ``urllib.request.OpenerDirector``."""

    def open(
        self, fullurl: urllib.request.Request, data: bytes | None = None, timeout: float = ...
    ) -> Any: ...


def _is_timeout(error: BaseException | str | None) -> bool:
    return isinstance(error, TimeoutError) or (isinstance(error, str) and "timed out" in error)


def _transport_error(error: BaseException) -> LLMError:
    """An exception raised while talking to the server, as a short retryable reason."""
    cause: BaseException | str | None = error
    if isinstance(error, urllib.error.URLError):
        cause = error.reason
    if _is_timeout(cause):
        return LLMError("timeout", retryable=True)
    if isinstance(cause, ConnectionRefusedError):
        return LLMError("connection refused", retryable=True)
    if isinstance(cause, ConnectionResetError):
        return LLMError("connection reset", retryable=True)
    if isinstance(cause, socket.gaierror):
        return LLMError("host not found", retryable=True)
    name = type(cause).__name__ if isinstance(cause, BaseException) else type(error).__name__
    return LLMError(f"connection error ({name})", retryable=True)


class ChatClient:
    """Calls ``{base_url}/chat/completions`` and returns ``choices[0].message.content``.

    Failures that may pass (5xx answers, timeouts, connection errors) are tried again, up to
    ``config.max_attempts`` calls in all; 4xx answers and malformed responses are not.
    """

    def __init__(
        self,
        config: LLMConfig,
        *,
        opener: Opener | None = None,
        retry_delay_seconds: float = 0.5,
    ) -> None:
        scheme = urllib.parse.urlsplit(config.base_url).scheme
        if scheme not in ("http", "https"):
            raise ValueError("the LLM base_url must be an http:// or https:// URL")
        self.config = config
        self._opener: Opener = opener if opener is not None else urllib.request.build_opener()
        self._retry_delay = retry_delay_seconds

    @property
    def url(self) -> str:
        return self.config.base_url.rstrip("/") + "/chat/completions"

    def _request(self, body: Mapping[str, Any]) -> urllib.request.Request:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        # The scheme is checked to be http(s) in __init__.
        return urllib.request.Request(  # noqa: S310
            self.url, data=data, headers=headers, method="POST"
        )

    def _attempt(self, request: urllib.request.Request) -> bytes:
        try:
            with self._opener.open(request, timeout=self.config.timeout_seconds) as response:
                payload: bytes = response.read()
                return payload
        except urllib.error.HTTPError as error:
            status = error.code
            error.close()
            raise LLMError(f"HTTP {status}", retryable=status >= 500) from None
        except (urllib.error.URLError, OSError, HTTPException) as error:
            raise _transport_error(error) from None

    @staticmethod
    def _content(payload: bytes) -> str:
        try:
            data = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise LLMError("response is not valid JSON") from None
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise LLMError("response has no choices[0].message.content") from None
        if not isinstance(content, str):
            raise LLMError("response has no text content")
        return content

    def complete(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        temperature: float = 0.2,
        max_tokens: int = 4096,
        json_mode: bool = True,
    ) -> str:
        """The assistant's answer to ``messages``; ``LLMError`` when there is none."""
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": [dict(message) for message in messages],
            "temperature": temperature,
            "max_tokens": max_tokens,
        }
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        request = self._request(body)
        attempts = max(1, self.config.max_attempts)
        for attempt in range(1, attempts + 1):
            try:
                return self._content(self._attempt(request))
            except LLMError as error:
                if not error.retryable or attempt == attempts:
                    logger.warning(
                        "LLM call to model %s failed: %s", self.config.model, error.reason
                    )
                    raise
                logger.warning(
                    "LLM call to model %s failed (%s); trying again (%d of %d)",
                    self.config.model,
                    error.reason,
                    attempt + 1,
                    attempts,
                )
            if self._retry_delay > 0:
                time.sleep(self._retry_delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def complete_json(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        temperature: float = 0.2,
        max_tokens: int = 4096,
        json_mode: bool = True,
    ) -> Any:
        """The JSON value in the assistant's answer (see :func:`extract_json`)."""
        content = self.complete(
            messages, temperature=temperature, max_tokens=max_tokens, json_mode=json_mode
        )
        try:
            return extract_json(content)
        except LLMError as error:
            logger.warning("LLM answer from model %s unusable: %s", self.config.model, error.reason)
            raise


def _loads(text: str) -> Any:
    """``json.loads``, raising ``ValueError`` for anything it cannot read."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("too deeply nested") from None


def _balanced_end(text: str, start: int) -> int | None:
    """The index just past the ``}`` closing the ``{`` at ``start``, skipping JSON strings."""
    depth = 0
    in_string = escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def extract_json(content: str) -> Any:
    """The JSON value in a model's answer: the whole text, else the first fenced ```json block,
    else the first balanced ``{...}`` object in the prose (reasoning in ``<think>`` is skipped).

    ``LLMError("no JSON object in the answer")`` when there is none, ``LLMError("answer is not
    valid JSON")`` when what looks like one does not parse.
    """
    text = _THINKING.sub("", content).strip()
    if not text:
        raise LLMError("no JSON object in the answer")
    try:
        return _loads(text)
    except ValueError:
        pass
    fenced = _FENCED.search(text)
    if fenced is not None:
        try:
            return _loads(fenced.group(1).strip())
        except ValueError:
            pass
    start = text.find("{")
    if start < 0:
        raise LLMError("no JSON object in the answer")
    while start >= 0:
        end = _balanced_end(text, start)
        if end is None:  # cut off before the object closed (e.g. max_tokens reached)
            break
        try:
            return _loads(text[start:end])
        except ValueError:
            start = text.find("{", end)
    raise LLMError("answer is not valid JSON")
