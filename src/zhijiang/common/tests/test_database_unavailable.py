"""The database goes away under a running site: quick 503s with Retry-After, then 200s again once
it is back, without restarting anything. The outages are real driver errors: on PostgreSQL the
server ends our connection as a restart does, or nothing listens on the port; on SQLite the
database file cannot be opened."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client

from zhijiang.common.database_unavailable import is_connection_failure

# The outage closes the connection, so no test transaction; the data is put back after.
outage_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POSTGRES = connection.vendor == "postgresql"
requires_postgres = pytest.mark.skipif(not POSTGRES, reason="needs PostgreSQL's own errors")


def _lose_connection(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
    """Instead of the statement, make the driver fail as it does when the database goes away."""
    if POSTGRES:  # the server ends this session, as it ends every session when it restarts
        return execute("SELECT pg_terminate_backend(pg_backend_pid())", None, False, context)
    return execute(
        "ATTACH DATABASE ? AS gone", ["/nonexistent-zhijiang/db.sqlite3"], False, context
    )


@contextmanager
def database_outage() -> Iterator[None]:
    with connection.execute_wrapper(_lose_connection):
        yield


@pytest.fixture
def client() -> Client:
    # The test client re-raises what a view raised; the site must answer instead.
    return Client(raise_request_exception=False)


@outage_test
def test_api_answers_json_503_while_the_database_is_gone_and_200_once_it_is_back(client: Client):
    with database_outage():
        response = client.get("/api/v1/jobs/positions")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "database_unavailable"
    again = client.get("/api/v1/jobs/positions")
    assert again.status_code == 200
    assert again.json()["count"] == 0


@outage_test
def test_pages_answer_a_plain_503_page_while_the_database_is_gone(client: Client):
    with database_outage():
        response = client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith("text/html")
    assert "The database cannot be reached just now" in response.content.decode()
    assert client.get("/healthz").json() == {"status": "ok"}


@outage_test
@requires_postgres
def test_api_answers_503_when_nothing_listens_on_the_database_port(client: Client):
    with socket.socket() as probe:  # a port that was free a moment ago and is closed now
        probe.bind(("127.0.0.1", 0))
        closed_port = str(probe.getsockname()[1])
    original = connection.settings_dict["PORT"], connection.settings_dict["HOST"]
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", closed_port
    try:
        response = client.get("/api/v1/jobs/positions")
    finally:
        connection.close()
        connection.settings_dict["PORT"], connection.settings_dict["HOST"] = original

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert client.get("/api/v1/jobs/positions").status_code == 200


@pytest.mark.django_db
def test_an_error_of_one_statement_is_not_taken_for_a_lost_database():
    with (
        pytest.raises(OperationalError) as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        if POSTGRES:
            cursor.execute("SET statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(1)")
        else:
            cursor.execute("SELECT * FROM no_such_table")

    assert not is_connection_failure(raised.value)
    assert Client().get("/api/v1/jobs/positions").status_code == 200  # the connection is fine


def test_postgres_connections_give_up_after_the_configured_connect_timeout(settings: Any):
    if not POSTGRES:
        pytest.skip("SQLite opens a file; there is no connection to wait for")
    assert (
        connection.settings_dict["OPTIONS"]["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT
    )
