"""Demo employment data: positions of the demo employers built from real occupations (CSCO-2022
names, job-board aliases, definitions and tasks) and the skills their approved standards develop,
job seekers' profiles across the districts, and applications at every step.

A seeded generator makes it reproducible; a second run on a loaded database changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from zhijiang.accounts.demo import DEMO_PASSWORD
from zhijiang.accounts.models import (
    ConsentPurpose,
    ConsentRecord,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from zhijiang.jobs import applications, profiles, services
from zhijiang.jobs.models import Education, Position
from zhijiang.occupations.models import Occupation, PersonSkill, Requirement, Skill, Standard
from zhijiang.occupations.normalizing import skill_extractor

SEED = 20261201
POSITIONS_PER_EMPLOYER = 8
EDUCATION_WEIGHTS = {
    Education.SENIOR_SECONDARY: 2,
    Education.ASSOCIATE: 4,
    Education.BACHELOR: 4,
    Education.MASTER: 1,
}


def _standard_skills() -> dict[Occupation, list[str]]:
    """Digital occupations with an approved standard → skills of the vocabulary that their
    definition, tasks and standard name, most named first."""
    extractor = skill_extractor()
    result: dict[Occupation, list[str]] = {}
    standards = Standard.objects.filter(status=Standard.Status.APPROVED).select_related(
        "occupation"
    )
    for standard in standards.order_by("occupation__code"):
        occupation = standard.occupation
        requirements = Requirement.objects.filter(content__function__level__standard=standard)
        parts = [occupation.definition, *occupation.tasks, *occupation.aliases]
        parts.extend(requirements.values_list("text", flat=True))
        text = "\n".join(parts)
        counted: dict[str, int] = {}
        for found in extractor.extract(text, candidates=False).skills:
            if found.kind in {"technical", "knowledge"}:
                counted[found.id] = counted.get(found.id, 0) + 1
        known = set(Skill.objects.filter(key__in=counted).values_list("key", flat=True))
        ranked = sorted(known, key=lambda k: (-counted[k], k))
        if len(ranked) >= 5:
            result[occupation] = ranked[:20]
    return result


def _title(rng: random.Random, occupation: Occupation) -> str:
    aliases = [a for a in occupation.aliases if a and not a.endswith(("S", "L"))]
    name = occupation.name.rstrip("SL")
    return rng.choice(aliases) if aliases and rng.random() < 0.7 else name


def _description(occupation: Occupation, required: list[str], preferred: list[str]) -> str:
    labels = dict(Skill.objects.filter(key__in=required + preferred).values_list("key", "label_zh"))
    duties = "\n".join(f"{i}. {task}" for i, task in enumerate(occupation.tasks[:5], 1))
    needs = "、".join(labels.get(k) or k for k in required)
    plus = "、".join(labels.get(k) or k for k in preferred)
    return (
        f"岗位职责：\n{duties}\n\n任职要求：\n1. 熟练掌握{needs}；\n"
        + (f"2. 有{plus}经验者优先；\n" if plus else "")
        + "3. 责任心强，善于沟通与团队合作。"
    )


def _staff(employer: Organisation, index: int) -> User:
    member = employer.memberships.filter(role=Role.EMPLOYER_STAFF).first()
    if member is not None:
        return member.user
    user = User(username=f"hr_demo_{index}", full_name=f"{employer.name[:6]} HR",
                district=employer.district)  # fmt: skip
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.create(user=user, role=Role.EMPLOYER_STAFF, organisation=employer)
    return user


def _positions(rng: random.Random, skills: dict[Occupation, list[str]]) -> list[Position]:
    employers = list(Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).order_by("pk"))
    occupations = sorted(skills, key=lambda o: o.code)
    created = []
    for index, employer in enumerate(employers):
        actor = _staff(employer, index)
        for occupation in rng.sample(occupations, min(POSITIONS_PER_EMPLOYER, len(occupations))):
            pool = skills[occupation]
            required = rng.sample(pool[:10], min(4, len(pool[:10])))
            preferred = [k for k in rng.sample(pool, min(6, len(pool))) if k not in required][:2]
            low = rng.choice([4500, 5500, 6500, 8000, 10000, 12000])
            level = rng.choice([None, None, 2, 3, 4])
            data = services.PositionInput(
                title=_title(rng, occupation),
                description=_description(occupation, required, preferred),
                pay_min=low,
                pay_max=low + rng.choice([2000, 3000, 5000]),
                district=employer.district.code if employer.district else "500103",
                occupation=occupation.code,
                required_skills=required,
                preferred_skills=preferred,
                level_min=level,
                education_min=rng.choice(["", Education.ASSOCIATE, Education.BACHELOR]),
                experience_years=rng.choice([0, 0, 1, 3]),
                address=employer.address,
                headcount=rng.choice([1, 2, 3, 5]),
            )
            created.append(services.position_create(actor=actor, employer=employer, data=data))
    return created


def _seeker(rng: random.Random, person: User, skills: dict[Occupation, list[str]]) -> None:
    occupation = rng.choice(sorted(skills, key=lambda o: o.code))
    education = rng.choices(list(EDUCATION_WEIGHTS), weights=list(EDUCATION_WEIGHTS.values()))[0]
    districts = [person.district.code] if person.district else []
    profiles.profile_update(
        user=person,
        data=profiles.ProfileInput(
            education=education,
            summary=f"希望从事{occupation.name.rstrip('SL')}相关工作。",
            preferred_districts=districts,
            preferred_occupations=[occupation.code],
            pay_min=rng.choice([None, 4000, 5000, 6000, 8000]),
            availability=rng.choice(["now", "now", "within_month", "employed_open"]),
        ),
    )
    today = datetime.date(2026, 11, 1)
    years = rng.choice([0, 1, 2, 4])
    if years:
        started = today - datetime.timedelta(days=365 * years + rng.randint(0, 200))
        profiles.work_experience_add(
            user=person,
            data=profiles.WorkInput(title=_title(rng, occupation), started_on=started,
                                    employer_name="重庆某科技有限公司", occupation=occupation.code),
        )  # fmt: skip
    held = rng.sample(skills[occupation], min(rng.randint(2, 7), len(skills[occupation])))
    sources = ["self", "cv", "cv"]  # verified skills come from the certificates issued here
    PersonSkill.objects.bulk_create(
        PersonSkill(user=person, skill=skill, source=rng.choice(sources))
        for skill in Skill.objects.filter(key__in=held)
    )
    if rng.random() < 0.7:
        ConsentRecord.objects.create(user=person, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)


def _applications(rng: random.Random, seekers: list[User], positions: list[Position]) -> None:
    steps = ["shortlisted", "interviewing", "offered"]
    for person in rng.sample(seekers, min(30, len(seekers))):
        for position in rng.sample(positions, 2):
            if position.status != Position.Status.OPEN:
                continue
            application = applications.application_submit(applicant=person, position=position)
            actor = _staff(position.employer, 0)
            for step in steps[: rng.randint(0, 3)]:
                applications.application_move(actor=actor, application=application, to=step)
            if application.status == "offered" and rng.random() < 0.5:
                applications.application_move(
                    actor=actor, application=application, to="hired",
                    started_on=datetime.date(2026, 8, 1),
                )  # fmt: skip
            position.refresh_from_db()


@transaction.atomic
def load_demo_jobs() -> int:
    """Create the demo positions, profiles and applications; returns how many positions were
    created (0 when they are already there)."""
    if Position.objects.exists():
        return 0
    rng = random.Random(SEED)
    skills = _standard_skills()
    if not skills:
        return 0
    positions = _positions(rng, skills)
    seekers = list(
        User.objects.filter(memberships__role=Role.LEARNER)
        .order_by("pk")
        .select_related("district")
    )
    for person in seekers:
        _seeker(rng, person, skills)
    _applications(rng, seekers[1:], positions)
    return len(positions)
