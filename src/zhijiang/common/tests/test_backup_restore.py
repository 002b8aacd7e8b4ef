"""A backup made as docs/operations.md says restores into a new database with every table's rows:
pg_dump -Fc / pg_restore on PostgreSQL, the sqlite3 backup API (what `sqlite3 .backup` runs) on
SQLite."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from zhijiang.careers.tests.test_careers import market, seeker  # noqa: F401 (fixtures)
from zhijiang.common.tests.platform_in_use import platform_fill
from zhijiang.common.tests.test_interrupted_tasks import keen_seeker  # noqa: F401 (fixture)

# pg_dump and the sqlite3 backup read what is committed: no test transaction.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Tables the fixture leaves empty, each with the reason; every other table must have rows.
# None today: platform_in_use fills all 72 (a new table fails the test until filled or named).
LEFT_EMPTY: dict[str, str] = {}
FILLED_SHARE = 0.9


@pytest.fixture
def platform_in_use(
    settings: Any, tmp_path: Path, market: Any, keen_seeker: Any, other_learner: Any,  # noqa: F811
    district_officer: Any, bureau_officer: Any, employer_hr: Any, provider_staff: Any,
    assessor: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"  # evidence files; the backup holds the rows
    platform_fill(
        market=market, seeker=keen_seeker, candidate=other_learner, officer=district_officer,
        bureau_officer=bureau_officer, employer_hr=employer_hr, provider_staff=provider_staff,
        assessor=assessor,
    )  # fmt: skip


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _rows_by_table(cursor: Any, tables: list[str]) -> dict[str, list[str]]:
    rows = {}
    as_text = "t::text" if connection.vendor == "postgresql" else "*"  # the same on any driver
    for table in tables:
        cursor.execute(f'SELECT {as_text} FROM "{table}" t')
        rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def _assert_in_use(source: dict[str, list[str]]) -> None:
    """Every table but those named in LEFT_EMPTY has rows: a database in use, not a schema."""
    empty = sorted(table for table, rows in source.items() if not rows)
    share = 1 - len(empty) / len(source)
    assert empty == sorted(LEFT_EMPTY), "empty tables not named in LEFT_EMPTY, or named and filled"
    assert share >= FILLED_SHARE, f"only {share:.0%} of {len(source)} tables have rows"


def _assert_restored(source: dict[str, list[str]], restored: dict[str, list[str]]) -> None:
    for table, rows in source.items():
        assert restored[table] == rows, table


def test_a_table_whose_rows_did_not_all_come_back_fails_the_check() -> None:
    source = {"jobs_position": ["(1, '大数据开发')", "(2, '数据分析')"], "jobs_hire": []}
    _assert_restored(source, {"jobs_position": list(source["jobs_position"]), "jobs_hire": []})
    with pytest.raises(AssertionError, match="jobs_position"):
        _assert_restored(source, {"jobs_position": ["(1, '大数据开发')"], "jobs_hire": []})


@committed
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump/pg_restore not installed")
def test_a_pg_dump_restores_into_a_new_database_with_every_tables_rows(
    platform_in_use: None, tmp_path: Path
) -> None:
    import psycopg

    database = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": database["HOST"] or "",
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"] or "",
        "PGPASSWORD": database["PASSWORD"] or "",
    }
    dump, restored = tmp_path / "zhijiang.dump", f"{database['NAME']}_restored"
    run = {"env": environment, "check": True, "capture_output": True, "timeout": 120}
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), database["NAME"]], **run)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        cursor.execute(f'CREATE DATABASE "{restored}"')
        tables = _tables()
        source = _rows_by_table(cursor, tables)
    _assert_in_use(source)
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", restored, str(dump)], **run)
        conninfo = {**database, "NAME": restored}
        with psycopg.connect(
            host=conninfo["HOST"], port=conninfo["PORT"] or None, user=conninfo["USER"],
            password=conninfo["PASSWORD"] or None, dbname=restored, options="-c timezone=UTC",
        ) as copy, copy.cursor() as cursor:  # fmt: skip
            _assert_restored(source, _rows_by_table(cursor, tables))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')


@committed
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup API")
def test_an_sqlite_backup_restores_into_a_new_database_with_every_tables_rows(
    platform_in_use: None, tmp_path: Path
) -> None:
    connection.ensure_connection()
    copy_path = tmp_path / "backup.sqlite3"
    with sqlite3.connect(copy_path) as copy:
        connection.connection.backup(copy)  # what `sqlite3 DB ".backup FILE"` does
    tables = _tables()
    with connection.cursor() as cursor:
        source = _rows_by_table(cursor, tables)
    _assert_in_use(source)
    # Read as Django reads it (its type converters), so both sides give the same values.
    readable = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    with sqlite3.connect(copy_path, detect_types=readable) as copy:
        _assert_restored(source, _rows_by_table(copy.cursor(), tables))
