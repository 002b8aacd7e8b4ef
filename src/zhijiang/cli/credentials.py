"""``zhijiang credentials verify``: check a skill certificate, offline from files or against
this platform's database.

With ``--keys`` everything comes from files (no database). Without it, the key registry and
status lists are the ones this platform publishes, read from its database. Prints one JSON line
per check and a last summary line; an invalid certificate or unreadable input stops with a
BatchInputError naming the file and what failed (exit status 1)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

from zhijiang.cli.io import BatchInputError, read_json_document, source_name

if TYPE_CHECKING:
    from zhijiang_engine.credentials import KeyRegistry


def credentials_verify(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """``zhijiang credentials verify FILE [--keys REGISTRY.json] [--status-list STATUS.json ...]
    [--at ISO-DATETIME]``: a certificate or dual-certificate presentation in; per check
    ``{"credential", "check", "status", "reason"}`` out, then ``{"credential", "valid"}``."""
    from zhijiang_engine.credentials import KeyRegistry, KeyRegistryError
    from zhijiang_engine.credentials.dates import parse_datetime

    parser = argparse.ArgumentParser(
        prog="zhijiang credentials verify", description=credentials_verify.__doc__
    )
    parser.add_argument("file", help="credential JSON file, or - for standard input")
    parser.add_argument("--keys", help="issuer key registry JSON (default: this platform's keys, "
                        "read from its database)")  # fmt: skip
    parser.add_argument("--status-list", action="append", default=[], metavar="STATUS.json",
                        help="a status list credential; repeat for several")  # fmt: skip
    parser.add_argument("--at", help="check validity at this date-time (default: now)")
    options = parser.parse_args(argv)
    now = datetime.now(UTC)
    if options.at is not None:
        try:
            now = parse_datetime(options.at)
        except ValueError as error:
            raise BatchInputError(f"--at: {error}") from None
    lists = [read_json_document(name, stdin) for name in options.status_list]
    document = read_json_document(options.file, stdin)
    if options.keys is None:
        registry, published = _platform_registry(document)
        lists.extend(published)
    else:
        try:
            registry = KeyRegistry.from_dict(read_json_document(options.keys, stdin))
        except KeyRegistryError as error:
            raise BatchInputError(f"{options.keys}: {error}") from None
    return _verify_file(options.file, document, registry, now, lists)


def _platform_registry(document: object) -> tuple[KeyRegistry, list[object]]:
    """The keys and status lists this platform publishes for the document's issuers."""
    from django.apps import apps

    try:
        if not apps.ready:  # the `zhijiang` command has named the settings module
            import django

            django.setup()
        from django.db import DatabaseError

        from zhijiang.credentials.verification import registry_for, status_lists_for
    except Exception as error:  # settings or database set-up: say so, do not crash
        raise BatchInputError(
            f"no --keys given and the platform's settings cannot be loaded: {error}"
        ) from None
    try:
        return registry_for(document), list(status_lists_for(document))
    except DatabaseError as error:
        raise BatchInputError(
            f"no --keys given and the platform database cannot be read ({error}); "
            "pass --keys REGISTRY.json, or run `zhijiang migrate`"
        ) from None


def _verify_file(
    name: str, document: object, registry: KeyRegistry, now: datetime, lists: list[object]
) -> list[str]:
    from zhijiang_engine.credentials import verify_credential, verify_dual_certificate
    from zhijiang_engine.credentials.dual import is_presentation

    if is_presentation(document):
        dual = verify_dual_certificate(document, registry=registry, now=now, status_lists=lists)
        reports = [dual.first, dual.second]
        pairing = {"credential": None, **dual.pairing.to_dict()}
        valid, extra = dual.valid, [pairing]
    else:
        report = verify_credential(document, registry=registry, now=now, status_lists=lists)
        reports, valid, extra = [report], report.valid, []
    output = [
        json.dumps({"credential": report.credential_id, **check.to_dict()}, ensure_ascii=False)
        for report in reports
        for check in report.checks
    ]
    output.extend(json.dumps(item, ensure_ascii=False) for item in extra)
    if not valid:
        failures = [
            f"{check.name.value} failed: {check.reason}"
            for report in reports
            for check in report.failed_checks
        ]
        if extra and extra[0]["status"] == "failed":
            failures.append(f"pairing failed: {extra[0]['reason']}")
        raise BatchInputError(f"{source_name(name)}: invalid credential: " + "; ".join(failures))
    identifiers = [report.credential_id for report in reports]
    summary = {"credential": identifiers[0] if len(identifiers) == 1 else identifiers}
    output.append(json.dumps({**summary, "valid": True}, ensure_ascii=False))
    return output
