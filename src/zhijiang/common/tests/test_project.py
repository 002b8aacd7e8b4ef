"""Project-wide guarantees: migrations, the committed API schema, translations, the CLI."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from zhijiang.api import api

ROOT = Path(settings.BASE_DIR)
REPO = ROOT.parent.parent
PO_FILE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_committed_openapi_schema_is_current():
    committed = json.loads((REPO / "docs" / "api" / "openapi.json").read_text(encoding="utf-8"))
    current = json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True))
    assert committed == current, (
        "the API changed: run `make openapi` and commit docs/api/openapi.json"
    )


def _po_entries() -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plurals) of the zh-Hans catalogue."""
    text = PO_FILE.read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid ""' not in text.split("\n\n", 1)[0] + "\n"
    entries = {}
    for block in text.split("\n\n")[1:]:
        if "#, fuzzy" in block:
            entries[_joined(block, "msgid")] = ""
            continue
        entries[_joined(block, "msgid")] = _joined(block, "msgstr") or _joined(
            block, r"msgstr\[0\]"
        )
    return entries


def _joined(block: str, key: str) -> str:
    match = re.search(rf'^{key} "(.*)"\n((?:".*"\n?)*)', block + "\n", re.MULTILINE)
    if not match:
        return ""
    parts = [match.group(1), *re.findall(r'^"(.*)"$', match.group(2), re.MULTILINE)]
    return "".join(parts)


def _source_strings() -> set[str]:
    """Strings marked for translation in Python and templates (the simple, common forms)."""
    found: set[str] = set()
    python_call = re.compile(r'\b_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]')
    template_tag = re.compile(r'{%\s*translate\s+"((?:[^"\\]|\\.)*)"|{%\s*translate\s+\'([^\']*)\'')
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        found.update(
            m.replace('\\"', '"') for m in python_call.findall(path.read_text(encoding="utf-8"))
        )
    for path in ROOT.rglob("*.html"):
        for double, single in template_tag.findall(path.read_text(encoding="utf-8")):
            found.add((double or single).replace("%", "%%"))  # how makemessages stores a %
    return found


def test_every_marked_string_has_a_chinese_translation():
    entries = _po_entries()
    untranslated = sorted(msgid for msgid, msgstr in entries.items() if msgid and not msgstr)
    assert untranslated == []
    missing = sorted(s for s in _source_strings() if s not in entries)
    assert missing == [], "run `make makemessages` and translate the new strings"
    assert len(entries) > 150


def test_the_zhijiang_command_lists_what_it_can_do():
    result = subprocess.run(
        [sys.executable, "-m", "zhijiang.cli", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("migrate", "demo", "serve", "compilemessages"):
        assert f"  {command}" in result.stdout


def test_the_zhijiang_command_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "zhijiang.cli", "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
