"""No ID or mobile number reaches a log: Django's own handlers are replaced by redacting ones,
and exception text and tracebacks are redacted like messages."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from zhijiang.common.pii import RedactPersonalDataFilter
from zhijiang.common.testing_logs import personal_data_in

ID_NUMBER = "11010519491231002X"
PHONE = "13655557777"


def run_site_code(code: str, tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` after ``django.setup()`` in a fresh interpreter with the site's settings."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    variables = {**clean, "ZHIJIANG_VAR_DIR": str(tmp_path), **env}
    variables["DJANGO_SETTINGS_MODULE"] = "zhijiang.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=variables,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_404_in_development_is_logged_once_with_the_id_number_masked(tmp_path):
    code = (
        "from django.test import Client\n"
        f"Client(SERVER_NAME='localhost').get('/people/{ID_NUMBER}/')\n"
    )
    result = run_site_code(code, tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "Not Found" in line]
    assert lines == ["Not Found: /people/110***********002X/"]


def test_a_library_logger_with_its_own_handler_writes_no_raw_numbers(tmp_path):
    code = (
        "import logging, sys\n"
        "library = logging.getLogger('some.library')\n"
        "library.addHandler(logging.StreamHandler(sys.stdout))\n"
        "library.propagate = False\n"
        "try:\n"
        f"    raise ValueError('Key (phone)=({PHONE}) already exists.')\n"
        "except ValueError:\n"
        f"    library.exception('person %s', '{ID_NUMBER}')\n"
    )
    for debug in ("true", "false"):
        result = run_site_code(code, tmp_path, DEBUG=debug)
        assert result.returncode == 0, result.stderr
        assert "person 110***********002X" in result.stdout
        assert "ValueError: Key (phone)=(136****7777) already exists." in result.stdout
        assert personal_data_in(result.stdout + result.stderr) == []


def _record_of_a_failed_insert() -> logging.LogRecord:
    try:
        raise RuntimeError(
            'duplicate key value violates unique constraint "accounts_user_phone_key"\n'
            f"DETAIL:  Key (phone)=({PHONE}) already exists; id {ID_NUMBER}."
        )
    except RuntimeError:
        return logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            ("/api/v1/me",), sys.exc_info(),
        )  # fmt: skip


def test_exception_text_and_traceback_in_a_log_line_are_redacted():
    record = _record_of_a_failed_insert()
    assert RedactPersonalDataFilter().filter(record)
    output = logging.Formatter().format(record)
    assert "Key (phone)=(136****7777) already exists; id 110***********002X." in output
    assert "Traceback (most recent call last)" in output
    assert personal_data_in(output) == []


def test_stack_information_in_a_log_line_is_redacted():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "slow", (), None, sinfo=f"Stack: phone={PHONE}"
    )
    assert RedactPersonalDataFilter().filter(record)
    assert logging.Formatter().format(record).endswith("Stack: phone=136****7777")


def test_the_log_scan_finds_raw_id_and_mobile_numbers_only():
    text = (
        f"GET /people/{ID_NUMBER}/ from {PHONE}\n"
        "masked 110***********002X 136****7777\n"
        "order 2026113012345 and 110105194912310021 (wrong check digit) at 1733212345678\n"
    )
    assert personal_data_in(text) == [ID_NUMBER, PHONE]
