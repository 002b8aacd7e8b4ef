"""``zhijiang standards draft|export|import``: occupational standards from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhijiang.cli.io import BatchInputError, read_json_document
from zhijiang.common.errors import ApplicationError
from zhijiang.occupations import services
from zhijiang.occupations.documents import document_of, standard_with_tree
from zhijiang.occupations.models import Occupation, Standard
from zhijiang_engine.standards import document_to_dict


def _ranks(text: str) -> list[int] | None:
    if not text.strip():
        return None  # the occupation's ladder's default
    try:
        ranks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise CommandError(f"--levels {text!r}: give ranks 1-8 separated by commas") from None
    if not ranks or any(not 1 <= rank <= 8 for rank in ranks):
        raise CommandError(f"--levels {text!r}: ranks go from 1 (学徒工) to 8 (首席技师)")
    return ranks


class Command(BaseCommand):
    help = "Draft standards for occupations, export one as JSON, or import one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        draft = sub.add_parser("draft", help="draft a new version for each occupation code")
        draft.add_argument("codes", nargs="+", metavar="CODE", help="e.g. 4-04-05-05")
        draft.add_argument(
            "--levels",
            default="",
            help="ranks on the occupation's ladder; default 2,3,4,5,6 for workers, "
            "2,3,4 (初级, 中级, 高级) for professionals (大类 2)",
        )
        draft.add_argument("--offline", action="store_true", help="do not use the language model")
        export = sub.add_parser("export", help="print a standard version as JSON")
        export.add_argument("standard_id", type=int)
        importer = sub.add_parser("import", help="import a JSON file as a new draft version")
        importer.add_argument("file", type=Path)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _draft(self, *, codes: list[str], levels: str, offline: bool, **_: Any) -> None:
        ranks = _ranks(levels)
        found = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise CommandError(f"unknown occupation code(s): {', '.join(unknown)}")
        vocabulary = services.drafting_vocabulary()
        for code in codes:
            try:
                standard = services.standard_draft(
                    actor=None, occupation=found[code], ranks=ranks, vocabulary=vocabulary,
                    use_model=not offline,
                )  # fmt: skip
            except ApplicationError as error:
                raise CommandError(f"{code}: {error.message}") from None
            self.stdout.write(
                f"{code} {found[code].name}: draft version {standard.version} "
                f"(id {standard.pk}, {standard.source})"
            )

    def _export(self, *, standard_id: int, **_: Any) -> None:
        standard = (
            Standard.objects.prefetch_related(standard_with_tree()).filter(pk=standard_id).first()
        )
        if standard is None:
            raise CommandError(f"no standard with id {standard_id}")
        self.stdout.write(
            json.dumps(document_to_dict(document_of(standard)), ensure_ascii=False, indent=2)
        )

    def _import(self, *, file: Path, **_: Any) -> None:
        try:  # FILE, line N: reason, as the batch tools say it
            data = read_json_document(str(file), sys.stdin.buffer)
        except BatchInputError as error:
            raise CommandError(str(error)) from None
        from zhijiang.accounts.models import User

        system = User.objects.filter(is_superuser=True).order_by("pk").first()
        if system is None:
            raise CommandError(
                "importing needs an administrator account (zhijiang createsuperuser)"
            )
        try:
            standard = services.standard_import(actor=system, data=data)
        except ApplicationError as error:
            raise CommandError(f"{file}: {error.message}") from None
        self.stdout.write(
            f"{file}: imported as draft version {standard.version} (id {standard.pk})"
        )
