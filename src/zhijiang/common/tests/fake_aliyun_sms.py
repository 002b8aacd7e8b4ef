"""A fake Aliyun SMS endpoint (Dysmsapi ``SendSms``) for tests: it checks each request's
signature as Aliyun does, with its own implementation of the documented algorithm (not ours),
and answers as Aliyun answers.

    with FakeAliyunSms(access_key_id="testId", secret="testSecret") as aliyun:
        ...  # point SMS_ALIYUN_ENDPOINT at aliyun.url
        aliyun.requests[0]  # the parameters of each request, and whether its signature held

A request with a wrong signature is answered HTTP 400 ``SignatureDoesNotMatch``; ``answer_code``
makes every signed request answer that business code instead of ``OK`` (e.g.
``isv.BUSINESS_LIMIT_CONTROL``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _encode(value: str) -> str:
    # Aliyun: URL-encode the UTF-8 bytes, then "+" → "%20", "*" → "%2A", "%7E" → "~".
    encoded = urllib.parse.quote_plus(value, encoding="utf-8")
    return encoded.replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def expected_signature(method: str, params: dict[str, str], secret: str) -> str:
    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    query = "&".join(_encode(k) + "=" + _encode(v) for k, v in pairs)
    string_to_sign = method + "&" + _encode("/") + "&" + _encode(query)
    mac = hmac.new((secret + "&").encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


@dataclass
class AliyunRequest:
    method: str
    params: dict[str, str]
    signature_valid: bool


class FakeAliyunSms:
    def __init__(self, *, access_key_id: str, secret: str, answer_code: str = "OK") -> None:
        self.access_key_id = access_key_id
        self.secret = secret
        self.answer_code = answer_code
        self.requests: list[AliyunRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> FakeAliyunSms:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _answer(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        signature = params.get("Signature", "")
        valid = hmac.compare_digest(signature, expected_signature(method, params, self.secret))
        self.requests.append(AliyunRequest(method, params, valid))
        request_id = f"FAKE-{len(self.requests):04d}"
        if params.get("AccessKeyId") != self.access_key_id:
            return 404, {"Code": "InvalidAccessKeyId.NotFound", "RequestId": request_id}
        if not valid:
            message = "Specified signature is not matched with our calculation."
            return 400, {
                "Code": "SignatureDoesNotMatch",
                "Message": message,
                "RequestId": request_id,
            }
        if params.get("Action") != "SendSms" or params.get("Version") != "2017-05-25":
            return 400, {"Code": "InvalidAction.NotFound", "RequestId": request_id}
        if self.answer_code != "OK":
            return 200, {"Code": self.answer_code, "Message": "refused", "RequestId": request_id}
        answer = {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0"}
        return 200, {**answer, "RequestId": request_id}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, method: str, raw_query: str) -> None:
                params = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
                status, body = fake._answer(method, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._reply("GET", urllib.parse.urlsplit(self.path).query)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                self._reply("POST", self.rfile.read(length).decode("utf-8"))

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
