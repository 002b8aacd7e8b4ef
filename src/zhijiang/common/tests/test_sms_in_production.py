"""Production refuses the console SMS backend, which texts no one, unless a deployment where
no one signs up opts out on purpose."""

from __future__ import annotations

import pytest

from zhijiang.common.tests.test_settings import load_settings, production


def production_without_sms(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in production().items() if not k.startswith("SMS_")}
    return {**env, **overrides}


@pytest.mark.parametrize("backend", [{"SMS_BACKEND": "console"}, {}], ids=["console", "unset"])
def test_production_with_the_console_sms_backend_stops_start_up_naming_it(backend):
    result = load_settings(**production_without_sms(**backend))
    assert result.returncode != 0
    assert "ConfigurationError" in result.stderr
    assert "SMS_BACKEND=console sends no text message" in result.stderr
    assert "SMS_CONSOLE_IN_PRODUCTION" in result.stderr


def test_a_closed_pilot_may_keep_the_console_in_production_on_purpose():
    pilot = production_without_sms(SMS_BACKEND="console", SMS_CONSOLE_IN_PRODUCTION="true")
    result = load_settings("s.SMS_BACKEND", **pilot)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "console"


def test_development_keeps_the_console_without_opting_out():
    result = load_settings("s.SMS_BACKEND")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "console"


def test_a_malformed_opt_out_stops_start_up():
    result = load_settings(
        **production_without_sms(SMS_BACKEND="console", SMS_CONSOLE_IN_PRODUCTION="maybe")
    )
    assert result.returncode != 0
    assert "SMS_CONSOLE_IN_PRODUCTION='maybe' is not a boolean" in result.stderr
