"""`zhijiang serve` collects the static files before the application loads, so that the first
production start serves the stylesheet and htmx (WhiteNoise lists its files once, at start)."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from zhijiang.common.management.commands.serve import prepared_application


def _get(application: Any, path: str) -> tuple[str, bytes]:
    answered: dict[str, str] = {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        answered["status"] = status

    body = b"".join(application(RequestFactory().get(path).environ, start_response))
    return answered["status"], body


def test_the_first_production_start_serves_the_stylesheet_and_htmx(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    application = prepared_application()
    for path in ("zhijiang/app.css", "zhijiang/vendor/htmx-2.0.11.min.js"):
        assert (tmp_path / "static" / path).is_file()
        status, body = _get(application, "/static/" + path)
        assert status.startswith("200"), (path, status)
        assert len(body) > 1000
