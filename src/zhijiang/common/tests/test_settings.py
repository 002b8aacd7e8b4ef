"""Settings come from the environment, strictly; production refuses unsafe values."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhijiang.env import ConfigurationError, env_bool, env_int, env_list

GOOD_SECRET = "s" * 20 + "-production-secret-of-sufficient-length-42"
GOOD_PII_KEY = "p" * 40


def load_settings(
    printing: str = "s.DEBUG, s.TIME_ZONE, s.LANGUAGE_CODE", **env: str
) -> subprocess.CompletedProcess[str]:
    """Import the settings module in a fresh interpreter with exactly these variables."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    return subprocess.run(
        [sys.executable, "-c", f"import zhijiang.settings as s; print({printing})"],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def production(**overrides: str) -> dict[str, str]:
    env = {
        "ZHIJIANG_ENV": "production",
        "SECRET_KEY": GOOD_SECRET,
        "PII_HASH_KEY": GOOD_PII_KEY,
        "CREDENTIAL_KEY_SECRET": "c" * 40,
        "ALLOWED_HOSTS": "zhijiang.example.gov.cn",
        "DATABASE_URL": "postgres://zj@db/zhijiang",
        "PUBLIC_URL": "https://zhijiang.example.gov.cn",
        # Production texts sign-up codes through a gateway; nothing is sent at start-up.
        "SMS_BACKEND": "aliyun",
        "SMS_ALIYUN_ACCESS_KEY_ID": "LTAI-production",
        "SMS_ALIYUN_ACCESS_KEY_SECRET": "aliyun-secret",
        "SMS_ALIYUN_SIGN_NAME": "智匠",
        "SMS_ALIYUN_TEMPLATES": "sign_up_code=SMS_1,account_exists=SMS_2",
    }
    return {**env, **overrides}


def test_development_defaults_start():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "Asia/Shanghai", "zh-hans"]


def test_production_with_safe_values_starts():
    result = load_settings(**production())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "true"}, "refuses DEBUG"),
        ({"SECRET_KEY": "django-insecure-zhijiang-local-development-only"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"PII_HASH_KEY": ""}, "PII_HASH_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"PUBLIC_URL": ""}, "ZHIJIANG_ENV=production needs PUBLIC_URL"),
    ],
)
def test_production_refuses_unsafe_settings(overrides, message):
    result = load_settings(**production(**overrides))
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "ture"}, "DEBUG='ture' is not a boolean"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE"),
        ({"LANGUAGE_CODE": "fr"}, "LANGUAGE_CODE"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"ZHIJIANG_ENV": "staging"}, "ZHIJIANG_ENV"),
        ({"MAX_REQUEST_BYTES": "lots"}, "MAX_REQUEST_BYTES"),
        ({"PUBLIC_URL": "zhijiang.example.gov.cn"}, "PUBLIC_URL='zhijiang.example.gov.cn'"),
        ({"PUBLIC_URL": "ftp://zhijiang.example.gov.cn"}, "PUBLIC_URL"),
        ({"PUBLIC_URL": "http://127.0.0.1:port"}, "PUBLIC_URL"),
        ({"PUBLIC_URL": "https://zhijiang.example.gov.cn/?a=1"}, "PUBLIC_URL"),
    ],
)
def test_malformed_variables_stop_start_up_with_their_name(env, message):
    result = load_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://localhost:8000"),
        ({"PUBLIC_URL": ""}, "http://localhost:8000"),
        ({"PUBLIC_URL": "http://192.168.1.20:9000/"}, "http://192.168.1.20:9000"),
        (
            {"PUBLIC_URL": "https://hr.example.gov.cn/zhijiang"},
            "https://hr.example.gov.cn/zhijiang",
        ),
    ],
)
def test_the_public_url_is_the_address_given_without_its_final_slash(env, expected):
    result = load_settings("s.PUBLIC_URL", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["PORT=9000"], 'PUBLIC_URL="http://127.0.0.1:9000"'),
        (["HOST=0.0.0.0", "PORT=8080"], 'PUBLIC_URL="http://localhost:8080"'),
        (["PUBLIC_URL=https://hr.example.gov.cn"], 'PUBLIC_URL="https://hr.example.gov.cn"'),
    ],
)
def test_make_run_gives_every_step_the_address_it_serves_at(arguments, expected):
    root = Path(__file__).resolve().parents[4]
    result = subprocess.run(
        ["make", "--dry-run", "--silent", "-C", str(root), "run", *arguments],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    steps = [line for line in lines if "/zhijiang " in line and "compilemessages" not in line]
    assert [step.split()[2] for step in steps] == ["migrate", "occupations", "demo", "serve"]
    assert all(step.startswith(expected) for step in steps)


def test_env_helpers_parse_strictly():
    assert env_bool("X", False, {"X": "Yes"}) is True
    assert env_int("X", 1, {"X": " 42 "}) == 42
    assert env_list("X", [], {"X": "a.cn,b.cn"}) == ["a.cn", "b.cn"]
    with pytest.raises(ConfigurationError, match="empty item"):
        env_list("X", [], {"X": "a.cn,,b.cn"})
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("X", 1, {"X": "0"}, minimum=1)
