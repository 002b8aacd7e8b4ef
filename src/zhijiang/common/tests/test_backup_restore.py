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
from django.test import Client

from zhijiang.careers.tasks import nightly_run
from zhijiang.careers.tests.test_careers import market, seeker  # noqa: F401 (fixtures)
from zhijiang.common.tests.test_interrupted_tasks import keen_seeker  # noqa: F401 (fixture)

# pg_dump and the sqlite3 backup read what is committed: no test transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def platform_in_use(market: Any, keen_seeker: Any, bureau_officer: Any) -> None:  # noqa: F811
    """People, organisations, reference data, positions, pushes, notifications, audit rows, a
    session and a queued task."""
    assert nightly_run.call()["pushed"] >= 1
    nightly_run.enqueue()
    Client().force_login(keen_seeker)


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


def _assert_restored(source: dict[str, list[str]], restored: dict[str, list[str]]) -> None:
    filled = [table for table, rows in source.items() if rows]
    assert len(filled) >= 20  # a database in use, not a schema
    for table, rows in source.items():
        assert restored[table] == rows, table


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
    # Read as Django reads it (its type converters), so both sides give the same values.
    readable = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    with sqlite3.connect(copy_path, detect_types=readable) as copy:
        _assert_restored(source, _rows_by_table(copy.cursor(), tables))
