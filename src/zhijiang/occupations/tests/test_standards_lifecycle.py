"""The life cycle of a standard: draft → in review → approved → retired, and who may do what."""

from __future__ import annotations

import pytest

from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.models import AuditEvent
from zhijiang.occupations import services
from zhijiang.occupations.documents import document_of, standard_with_tree
from zhijiang.occupations.models import Requirement, ReviewComment, Skill, Standard
from zhijiang.occupations.tests.factories import document, imported, occupation

pytestmark = pytest.mark.django_db
Status = Standard.Status


def reload(standard: Standard) -> Standard:
    return Standard.objects.prefetch_related(standard_with_tree()).get(pk=standard.pk)


def test_import_stores_the_whole_tree_and_links_skills(district_officer):
    standard = imported(district_officer)
    assert (standard.version, standard.status, standard.source) == (1, Status.DRAFT, "import")
    assert Requirement.objects.filter(content__function__level__standard=standard).count() == 10
    skill = Skill.objects.get(key="数据标注")
    assert skill.sources == ["standard"]
    stored = document_of(reload(standard))
    assert [level.rank for level in stored.levels] == [2, 3]
    assert stored.levels[0].functions[0].contents[0].skills[0].skills == ("数据标注",)


def test_versions_count_up_per_occupation(district_officer):
    assert [imported(district_officer).version for _ in range(3)] == [1, 2, 3]


def test_a_second_officer_approves_and_the_old_version_retires(district_officer, bureau_officer):
    first = imported(district_officer)
    services.standard_submit(actor=district_officer, standard=first)
    services.standard_approve(actor=bureau_officer, standard=first, comment="可以")
    second = services.standard_new_version(actor=district_officer, standard=first)
    assert second.based_on == first and second.status == Status.DRAFT
    services.standard_submit(actor=district_officer, standard=second)
    services.standard_approve(actor=bureau_officer, standard=second)
    first.refresh_from_db()
    assert first.status == Status.RETIRED and first.retired_at is not None
    assert Standard.objects.filter(occupation=occupation(), status=Status.APPROVED).get() == second
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "standard.import", "standard.submit", "standard.approve", "standard.new_version",
        "standard.submit", "standard.retire", "standard.approve",
    ]  # fmt: skip
    history = ReviewComment.objects.filter(standard=first).order_by("id")
    assert [(c.action, c.body) for c in history] == [("submit", ""), ("approve", "可以")]


def test_the_submitter_cannot_approve_their_own_version(bureau_officer):
    standard = imported(bureau_officer)
    services.standard_submit(actor=bureau_officer, standard=standard)
    with pytest.raises(PermissionDeniedError):
        services.standard_approve(actor=bureau_officer, standard=standard)


def test_district_officers_cannot_approve(district_officer, other_district_officer):
    standard = imported(district_officer)
    services.standard_submit(actor=district_officer, standard=standard)
    with pytest.raises(PermissionDeniedError):
        services.standard_approve(actor=other_district_officer, standard=standard)


@pytest.mark.parametrize("persona", ["learner", "employer_hr", "assessor"])
def test_only_officers_import_and_edit(request, persona, district_officer):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        imported(user)
    standard = imported(district_officer)
    requirement = Requirement.objects.filter(content__function__level__standard=standard).first()
    with pytest.raises(PermissionDeniedError):
        services.requirement_update(actor=user, requirement=requirement, text="改")


def test_an_approved_version_is_never_edited(district_officer, bureau_officer):
    standard = imported(district_officer)
    requirement = Requirement.objects.filter(content__function__level__standard=standard).first()
    services.standard_submit(actor=district_officer, standard=standard)
    with pytest.raises(ApplicationError) as caught:
        services.requirement_update(actor=district_officer, requirement=requirement, text="改")
    assert caught.value.code == "wrong_status"
    services.standard_approve(actor=bureau_officer, standard=standard)
    with pytest.raises(ApplicationError):
        services.requirement_update(actor=district_officer, requirement=requirement, text="改")
    requirement.refresh_from_db()
    assert requirement.text != "改"


def test_returning_needs_a_comment_and_goes_back_to_draft(district_officer, bureau_officer):
    standard = imported(district_officer)
    services.standard_submit(actor=district_officer, standard=standard)
    with pytest.raises(ApplicationError):
        services.standard_return(actor=bureau_officer, standard=standard, comment=" ")
    services.standard_return(actor=bureau_officer, standard=standard, comment="补充安全要求")
    standard.refresh_from_db()
    assert standard.status == Status.DRAFT


def test_editing_a_requirement_changes_text_and_skills_and_is_audited(district_officer):
    standard = imported(district_officer)
    requirement = Requirement.objects.filter(
        content__function__level__standard=standard, kind="skill"
    ).first()
    services.requirement_update(
        actor=district_officer, requirement=requirement, text="能独立完成多模态数据标注",
        skills=["数据标注", "多模态数据"],
    )  # fmt: skip
    requirement.refresh_from_db()
    assert requirement.text == "能独立完成多模态数据标注"
    assert sorted(s.key for s in requirement.skills.all()) == ["多模态数据", "数据标注"]
    event = AuditEvent.objects.get(action="standard.edit")
    assert next(iter(event.changes.values()))[1] == "能独立完成多模态数据标注"


def test_retire_is_for_bureau_officers_and_only_from_approved(district_officer, bureau_officer):
    standard = imported(district_officer)
    with pytest.raises(ApplicationError):
        services.standard_retire(actor=bureau_officer, standard=standard)
    services.standard_submit(actor=district_officer, standard=standard)
    services.standard_approve(actor=bureau_officer, standard=standard)
    with pytest.raises(PermissionDeniedError):
        services.standard_retire(actor=district_officer, standard=standard)
    services.standard_retire(actor=bureau_officer, standard=standard)
    standard.refresh_from_db()
    assert standard.status == Status.RETIRED


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["levels"][0].update(basic_weight=30), "$.levels[0]"),
        (lambda d: d["levels"][1].update(level=9), "$.levels[1].level"),
        (
            lambda d: d["levels"][0]["functions"][0].update(contents=[]),
            "$.levels[0].functions[0].contents",
        ),
        (lambda d: d["occupation"].update(code="9-99-99-99"), "$.occupation.code"),
        (lambda d: d.pop("basic_requirements"), "$.basic_requirements"),
    ],
)
def test_invalid_documents_are_refused_with_the_path_and_save_nothing(
    district_officer, mutate, path
):
    data = document()
    mutate(data)
    with pytest.raises(ApplicationError) as caught:
        imported(district_officer, data)
    assert any(field.startswith(path) for field in caught.value.fields), caught.value.fields
    assert not Standard.objects.exists()
    assert not Skill.objects.exists()


def test_diff_between_versions_names_the_changed_requirement(district_officer):
    first = imported(district_officer)
    second = services.standard_new_version(actor=district_officer, standard=first)
    requirement = (
        Requirement.objects.filter(content__function__level__standard=second, text="数据标注规范")
        .order_by("id")
        .first()
    )
    services.requirement_update(
        actor=district_officer, requirement=requirement, text="数据标注规范与质量标准"
    )
    from zhijiang_engine.standards import standard_diff

    changes = standard_diff(document_of(reload(first)), document_of(reload(second)))
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("changed", "数据标注规范", "数据标注规范与质量标准")
    ]
    assert changes[0].where.startswith("初级工 / 数据采集和处理 / 数据标注 / 相关知识要求")
