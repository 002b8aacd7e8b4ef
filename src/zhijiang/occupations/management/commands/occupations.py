"""``zhijiang occupations load``: (re)load the taxonomy, international links and skills."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zhijiang.common.progress import Progress, changes
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
        progress = Progress(self.stdout)
        counts = level_counts(records)
        with transaction.atomic():
            progress.start(f"Occupations from {taxonomy.name}")
            result = loading.taxonomy_sync(records, Occupation)
            progress.done(
                f"{counts[4]:,} occupations in {counts[1]} major, {counts[2]} middle and "
                f"{counts[3]} minor groups: {changes(result['created'], result['updated'])}"
            )
            progress.start("International links (ISCO-08, ESCO)")
            links = loading.links_sync(loading.ALIGNMENT_FILE, Occupation, InternationalLink)
            progress.done(f"{links:,} links")
            if skip_skills:
                self.stdout.write("Skills vocabulary: skipped (--skip-skills).")
                return
            progress.start("Skills vocabulary")
            skills = loading.skills_sync(loading.SKILLS_FILE, Skill)
            aliases = loading.aliases_sync(Skill)
        found = f"{Skill.objects.count():,} skills: {changes(skills['created'], skills['updated'])}"
        if aliases["created"] or aliases["labelled"]:
            found += (
                f"; the table of aliases added {aliases['created']:,} and gave "
                f"{aliases['labelled']:,} a Chinese name"
            )
        progress.done(found)
