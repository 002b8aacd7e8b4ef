"""``zhijiang occupations load``: (re)load the taxonomy, international links and skills."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zhijiang.occupations import loading
from zhijiang.occupations.models import InternationalLink, Occupation, Skill
from zhijiang_engine.taxonomy import TaxonomyFileError, level_counts


class Command(BaseCommand):
    help = "Load the CSCO-2022 taxonomy, ISCO/ESCO links and the skills vocabulary (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load or update the reference data")
        load.add_argument(
            "--taxonomy", type=Path, default=loading.TAXONOMY_FILE,
            help="taxonomy CSV (level,code,name,definition,tasks,alias); default: CSCO-2022",
        )  # fmt: skip
        load.add_argument("--skip-skills", action="store_true", help="do not load skills.csv")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "load":
            self._load(options["taxonomy"], skip_skills=options["skip_skills"])

    def _load(self, taxonomy: Path, *, skip_skills: bool) -> None:
        try:
            records = loading.read_taxonomy(taxonomy)
        except FileNotFoundError:
            raise CommandError(f"{taxonomy}: no such file") from None
        except TaxonomyFileError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            result = loading.taxonomy_sync(records, Occupation)
            links = loading.links_sync(loading.ALIGNMENT_FILE, Occupation, InternationalLink)
            skills = {"created": 0, "updated": 0}
            aliases = {"created": 0, "labelled": 0}
            if not skip_skills:
                skills = loading.skills_sync(loading.SKILLS_FILE, Skill)
                aliases = loading.aliases_sync(Skill)
        counts = level_counts(records)
        self.stdout.write(
            f"taxonomy {taxonomy.name}: {counts[1]} major, {counts[2]} middle, {counts[3]} minor "
            f"groups, {counts[4]} occupations "
            f"({result['created']} new, {result['updated']} updated)"
        )
        self.stdout.write(f"international links: {links}")
        self.stdout.write(
            f"skills: {skills['created']} new, {skills['updated']} updated; from the alias table "
            f"{aliases['created']} new, {aliases['labelled']} given a Chinese label"
        )
