"""The folder for built indexes kept between runs (the title normalizer's, jieba's)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def cache_dir() -> Path | None:
    """``settings.CACHE_DIR``, created if need be; None when it cannot be created, and the
    tools then rebuild their indexes each run instead of failing."""
    folder: Path = settings.CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
