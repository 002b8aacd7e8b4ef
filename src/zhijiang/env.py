"""Strict parsing of settings from environment variables.

Every setting the platform reads comes through these helpers, so a typo such as
``DEBUG=ture`` stops start-up with a message naming the variable instead of being
silently read as false.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class ConfigurationError(Exception):
    """An environment variable is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(
        f"{name}={raw!r} is not a boolean; use one of true/false, 1/0, yes/no, on/off"
    )


def env_int(
    name: str, default: int, environ: Mapping[str, str] = os.environ, *, minimum: int = 0
) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not an integer") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(item == "" for item in items):
        raise ConfigurationError(
            f"{name}={raw!r} has an empty item; separate values with single commas"
        )
    return items


def env_choice(
    name: str, default: str, choices: set[str], environ: Mapping[str, str] = os.environ
) -> str:
    value = env_str(name, default, environ)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ConfigurationError(f"{name}={value!r} is not one of: {allowed}")
    return value


def env_path(name: str, default: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """A file or folder; unset or blank gives the default (so ``NAME=`` in a copied
    .env.example means "the default", not the working directory)."""
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if "\x00" in value:
        raise ConfigurationError(f"{name}={raw!r} is not a path: it contains a NUL character")
    return Path(value)
