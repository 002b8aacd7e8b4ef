"""Reading a CV or a job description: suggested occupations and skills, for people to confirm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError
from zhijiang.occupations.models import Occupation, PersonSkill, Skill
from zhijiang.occupations.normalizing import skill_extractor, suggest_occupations
from zhijiang_engine.text import DocumentError, job_titles_in_cv, read_document

MAX_TITLES = 8


@dataclass(frozen=True)
class TitleSuggestion:
    title: str
    occupations: list[tuple[Occupation, float]]


@dataclass(frozen=True)
class TextAnalysis:
    text: str
    warnings: tuple[str, ...]
    titles: list[TitleSuggestion]
    skills: list[dict[str, Any]]
    candidates: list[dict[str, Any]]


def text_of_upload(
    *, data: bytes | None, filename: str, pasted: str
) -> tuple[str, tuple[str, ...]]:
    """The text of an uploaded .docx/.pdf/.txt file, or the pasted text."""
    if data:
        try:
            document = read_document(data, filename=filename)
        except DocumentError as error:
            raise ApplicationError(str(error), fields={"file": str(error)}) from None
        return document.text, document.warnings
    if not pasted.strip():
        message = _("Upload a file or paste a text.")
        raise ApplicationError(message, fields={"text": message})
    return pasted, ()


def analyse_text(text: str, *, warnings: tuple[str, ...] = ()) -> TextAnalysis:
    """Job titles (those of a CV's work history, else the first line) with their likely
    occupations, and the vocabulary's skills found in the text."""
    titles = list(job_titles_in_cv(text))[:MAX_TITLES]
    if not titles:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        titles = [first[:100]] if first else []
    suggestions = []
    for title in titles:
        candidates = [c for c in suggest_occupations(title, top_k=3) if c.score >= 0.05]
        found = {
            o.code: o for o in Occupation.objects.filter(code__in=[c.code for c in candidates])
        }
        occupations = [(found[c.code], c.score) for c in candidates if c.code in found]
        suggestions.append(TitleSuggestion(title, occupations))
    extracted = skill_extractor().extract(text, candidates=True)
    return TextAnalysis(
        text=text,
        warnings=warnings,
        titles=suggestions,
        skills=[
            {"id": s.id, "label": s.label, "score": s.score, "surface": text[s.span[0] : s.span[1]]}
            for s in extracted.skills
        ],
        candidates=[{"term": c.term, "score": c.score} for c in extracted.candidates],
    )


@transaction.atomic
def person_skills_confirm(*, user: User, keys: list[str], source: str) -> int:
    """Record the skills a person confirmed (from their CV, or declared); returns how many
    were new. Unknown keys are refused and nothing is saved."""
    if source not in PersonSkill.Source.values:
        raise ApplicationError(_("Unknown source of a skill."))
    skills = {s.key: s for s in Skill.objects.filter(key__in=keys)}
    for key in keys:
        entry = skill_extractor().entry(key) if key not in skills else None
        if entry is not None:  # a skill the alias table knows and the stored vocabulary lacks
            skills[key] = Skill.objects.create(
                key=key, label_zh=entry.label_zh, label_en=entry.label_en, kind=entry.kind,
                sources=["alias"],
            )  # fmt: skip
    missing = [key for key in keys if key not in skills]
    if missing:
        message = _("Unknown skill: %(key)s") % {"key": missing[0]}
        raise ApplicationError(message, fields={"skills": message})
    existing = set(
        PersonSkill.objects.filter(user=user, source=source).values_list("skill__key", flat=True)
    )
    new = [
        PersonSkill(user=user, skill=skills[key], source=source)
        for key in keys
        if key not in existing
    ]
    PersonSkill.objects.bulk_create(new)
    if new:
        audit_record(
            actor=user,
            action=AuditAction.PERSON_SKILLS,
            target=user,
            district=user.district,
            changes={"skills": [None, [p.skill.key for p in new]], "source": source},
        )
    return len(new)


def certified_skills_set(*, user: User, skill_ids: set[int]) -> None:
    """Make the person's certificate-verified skills exactly ``skill_ids`` (the skills their
    valid certificates attest), adding and removing ``PersonSkill`` rows of that source.
    The caller holds the transaction and writes the audit row of the certificate change."""
    rows = PersonSkill.objects.filter(user=user, source=PersonSkill.Source.CERTIFICATE)
    held = set(rows.values_list("skill_id", flat=True))
    rows.filter(skill_id__in=held - skill_ids).delete()
    PersonSkill.objects.bulk_create(
        PersonSkill(user=user, skill_id=skill_id, source=PersonSkill.Source.CERTIFICATE)
        for skill_id in sorted(skill_ids - held)
    )
