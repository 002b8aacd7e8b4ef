"""The engine stays pure: nothing under zhijiang_engine imports Django or the Django project."""

from __future__ import annotations

import ast
from pathlib import Path

import zhijiang_engine

FORBIDDEN = ("django", "zhijiang", "ninja")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def _violations(root: Path) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        for line, module in _imported_modules(path):
            top = module.split(".")[0]
            if top in FORBIDDEN:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {module}")
    return bad


def test_engine_never_imports_django_or_the_project():
    root = Path(zhijiang_engine.__file__).parent
    assert list(root.rglob("*.py")), "the engine package has no modules"
    assert _violations(root) == []


def test_the_isolation_check_catches_a_django_import(tmp_path):
    package = tmp_path / "zhijiang_engine"
    package.mkdir()
    (package / "ok.py").write_text("import numpy\nfrom . import sibling\n")
    (package / "bad.py").write_text("from django.db import models\n")
    (package / "sneaky.py").write_text(
        "import importlib\nimportlib.import_module('zhijiang.api')\n"
    )
    assert _violations(package) == [
        "zhijiang_engine/bad.py:1 imports django.db",
        "zhijiang_engine/sneaky.py:2 imports zhijiang.api",
    ]
