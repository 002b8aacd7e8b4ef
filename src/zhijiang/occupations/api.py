"""API endpoints: the taxonomy and vocabulary (public), and standards with their life cycle."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Body, Router, Status
from ninja.params.functions import Query as QueryParam

from zhijiang.common.errors import ApplicationError, NotFoundError
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user, user_or_none
from zhijiang.occupations import selectors, services, specialisms
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.models import Requirement, Standard, WorkFunction
from zhijiang.occupations.normalizing import skill_extractor, suggest_occupations
from zhijiang.occupations.schemas import (
    ChangeOut,
    CommentIn,
    DraftIn,
    OccupationDetailOut,
    OccupationOut,
    RequirementPatch,
    SkillOut,
    SkillsFoundOut,
    SpecialismIn,
    StandardDetailOut,
    StandardOut,
    TextIn,
    TitleMatchOut,
    WorkFunctionPatch,
)
from zhijiang_engine.standards import document_to_dict, standard_diff

router = Router(tags=["occupations"])


@router.get("/occupations", response=list[OccupationOut], auth=None)
@paginated
def list_occupations(
    request: HttpRequest,
    q: str = "",
    level: Int64 | None = None,
    parent: str = "",
    digital: bool = False,
    green: bool = False,
) -> Any:
    """Browse or search the CSCO-2022 taxonomy (name, alias, code or definition; ranked)."""
    if parent:
        parent_node = selectors.occupation_by_code(parent)
        return selectors.occupations().filter(parent=parent_node).select_related("parent")
    if not q and level is None and not (digital or green):
        level = 1
    return selectors.occupation_search(query=q, digital=digital, green=green, level=level)


@router.get("/occupations/normalize", response=list[TitleMatchOut], auth=None)
def normalize_title(
    request: HttpRequest,
    title: str = QueryParam(..., max_length=500),
    top: Int64 = 5,
) -> Any:
    """The occupations a free-text job title most likely means, best first, with the reasons."""
    if not 1 <= top <= 50:
        message = _("top must be 1 to 50")
        raise ApplicationError(message, fields={"top": message})
    return suggest_occupations(title, top_k=top)


@router.get("/occupations/{code}", response=OccupationDetailOut, auth=None)
def get_occupation(request: HttpRequest, code: str) -> Any:
    occupation = selectors.occupation_by_code(code)
    user = user_or_none(request)
    occupation.visible_standard_ids = list(  # type: ignore[attr-defined]
        selectors.standards_for(user=user)
        .filter(occupation=occupation)
        .values_list("id", flat=True)
    )
    return occupation


@router.get("/skills", response=list[SkillOut], auth=None, tags=["skills"])
@paginated
def list_skills(request: HttpRequest, q: str = "", kind: str = "", hot: bool = False) -> Any:
    return selectors.skills(query=q, kind=kind, hot=hot)


@router.post("/skills/extract", response=SkillsFoundOut, tags=["skills"])
def extract_skills(request: HttpRequest, payload: TextIn) -> Any:
    """Skills of the vocabulary found in a job description or CV text, with spans and scores,
    and unknown skill-like terms as candidates."""
    result = skill_extractor().extract(payload.text, candidates=True)
    return result.to_json(with_candidates=True)


def _standard(request: HttpRequest, standard_id: int, tree: bool = False) -> Standard:
    return selectors.standard_for(user=user_or_none(request), standard_id=standard_id, tree=tree)


def _detail(standard: Standard) -> dict[str, Any]:
    requirement_ids = [
        [
            requirement.pk
            for function in level.functions.all()
            for content in function.contents.all()
            for kind in (Requirement.Kind.SKILL, Requirement.Kind.KNOWLEDGE)
            for requirement in content.requirements.all()
            if requirement.kind == kind
        ]
        for level in standard.levels.all()
    ]
    return {
        **StandardOut.from_orm(standard).dict(),
        "document": document_to_dict(document_of(standard)),
        "requirement_ids": requirement_ids,
        "function_ids": [[f.pk for f in level.functions.all()] for level in standard.levels.all()],
    }


@router.get(
    "/occupations/{code}/standards", response=list[StandardOut], auth=None, tags=["standards"]
)
def list_standards(request: HttpRequest, code: str) -> Any:
    occupation = selectors.occupation_by_code(code)
    return (
        selectors.standards_for(user=user_or_none(request))
        .filter(occupation=occupation)
        .prefetch_related("levels")
    )


@router.post("/occupations/{code}/standards", response={201: StandardDetailOut}, tags=["standards"])
def draft_standard(request: HttpRequest, code: str, payload: DraftIn) -> Any:
    """Draft a new version (offline, or through the configured language model)."""
    standard = services.standard_draft(
        actor=signed_in_user(request),
        occupation=selectors.occupation_by_code(code),
        ranks=None if payload.levels is None else sorted(set(payload.levels)),
        use_model=payload.use_model,
    )
    return Status(201, _detail(_standard(request, standard.pk, tree=True)))


@router.post("/standards/import", response={201: StandardDetailOut}, tags=["standards"])
def import_standard(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """A new draft version from a document in the zhijiang.standard/1 format."""
    standard = services.standard_import(actor=signed_in_user(request), data=payload)
    return Status(201, _detail(_standard(request, standard.pk, tree=True)))


@router.get("/standards/{standard_id}", response=StandardDetailOut, auth=None, tags=["standards"])
def get_standard(request: HttpRequest, standard_id: Int64) -> Any:
    return _detail(_standard(request, standard_id, tree=True))


@router.get("/standards/{standard_id}/export", auth=None, tags=["standards"])
def export_standard(request: HttpRequest, standard_id: Int64) -> Any:
    """The document alone, as import reads it."""
    return document_to_dict(document_of(_standard(request, standard_id, tree=True)))


@router.get(
    "/standards/{standard_id}/diff", response=list[ChangeOut], auth=None, tags=["standards"]
)
def diff_standard(request: HttpRequest, standard_id: Int64, against: Int64) -> Any:
    """What changed from version ``against`` to this one."""
    new = _standard(request, standard_id, tree=True)
    old = _standard(request, against, tree=True)
    return standard_diff(document_of(old), document_of(new))


@router.patch(
    "/standards/{standard_id}/requirements/{requirement_id}",
    response=StandardDetailOut,
    tags=["standards"],
)
def update_requirement(
    request: HttpRequest, standard_id: Int64, requirement_id: Int64, payload: RequirementPatch
) -> Any:
    standard = _standard(request, standard_id)
    requirement = (
        Requirement.objects.select_related("content__function__level__standard")
        .filter(pk=requirement_id, content__function__level__standard=standard)
        .first()
    )
    if requirement is None:
        raise NotFoundError(_("No such requirement in this standard."))
    services.requirement_update(
        actor=signed_in_user(request),
        requirement=requirement,
        text=payload.text,
        skills=payload.skills,
    )
    return _detail(_standard(request, standard_id, tree=True))


@router.post("/standards/{standard_id}/specialisms", response=StandardDetailOut, tags=["standards"])
def add_specialism(request: HttpRequest, standard_id: Int64, payload: SpecialismIn) -> Any:
    """Add a specialism (专业方向) to a draft professional standard (大类 2)."""
    actor, standard = signed_in_user(request), _standard(request, standard_id)
    specialisms.specialism_add(actor=actor, standard=standard, name=payload.name)
    return _detail(_standard(request, standard_id, tree=True))


@router.patch(
    "/standards/{standard_id}/specialisms/{name}", response=StandardDetailOut, tags=["standards"]
)
def rename_specialism(
    request: HttpRequest, standard_id: Int64, name: str, payload: SpecialismIn
) -> Any:
    """Rename a specialism; its work functions follow it."""
    actor, standard = signed_in_user(request), _standard(request, standard_id)
    specialisms.specialism_rename(actor=actor, standard=standard, old=name, new=payload.name)
    return _detail(_standard(request, standard_id, tree=True))


@router.delete(
    "/standards/{standard_id}/specialisms/{name}", response=StandardDetailOut, tags=["standards"]
)
def remove_specialism(request: HttpRequest, standard_id: Int64, name: str) -> Any:
    """Remove a specialism; refused (``specialism_in_use``) while a work function has it."""
    actor, standard = signed_in_user(request), _standard(request, standard_id)
    specialisms.specialism_remove(actor=actor, standard=standard, name=name)
    return _detail(_standard(request, standard_id, tree=True))


@router.patch(
    "/standards/{standard_id}/functions/{function_id}",
    response=StandardDetailOut,
    tags=["standards"],
)
def update_function(
    request: HttpRequest, standard_id: Int64, function_id: Int64, payload: WorkFunctionPatch
) -> Any:
    """A work function's specialism ("" for common to all) and weights; what is absent stays."""
    actor, standard = signed_in_user(request), _standard(request, standard_id)
    function = (
        WorkFunction.objects.select_related("level")
        .filter(pk=function_id, level__standard=standard)
        .first()
    )
    if function is None:
        raise NotFoundError(_("No such work function in this standard."))
    specialisms.work_function_update(
        actor=actor,
        function=function,
        specialism=function.specialism if payload.specialism is None else payload.specialism,
        theory_weight=(
            function.theory_weight if payload.theory_weight is None else payload.theory_weight
        ),
        skill_weight=function.skill_weight
        if payload.skill_weight is None
        else payload.skill_weight,
    )
    return _detail(_standard(request, standard_id, tree=True))


@router.post("/standards/{standard_id}/{action}", response=StandardOut, tags=["standards"])
def change_status(request: HttpRequest, standard_id: Int64, action: str, payload: CommentIn) -> Any:
    """``submit`` (draft → in review), ``return`` (back to draft, with a comment), ``approve``,
    ``retire``; ``new-version`` drafts a copy; ``comment`` adds a remark."""
    actor, standard = signed_in_user(request), _standard(request, standard_id)
    if action == "new-version":
        return services.standard_new_version(actor=actor, standard=standard)
    if action == "comment":
        services.standard_comment(actor=actor, standard=standard, body=payload.comment)
        return standard
    transition = services.STATUS_ACTIONS.get(action)
    if transition is None:
        raise NotFoundError(_("Unknown action."))
    return transition(actor=actor, standard=standard, comment=payload.comment)
