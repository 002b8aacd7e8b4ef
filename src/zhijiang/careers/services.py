"""The nightly push: new positions that match a job seeker well, sent as in-app notifications,
never the same position twice to the same person, at most a few a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhijiang.accounts.models import Role, User
from zhijiang.careers.models import MatchPush
from zhijiang.common.notifications import notify
from zhijiang.jobs.matching import index_of_open_positions, seekers_of
from zhijiang.jobs.models import Application, Availability, Position
from zhijiang_engine.match import Match

DEFAULT_THRESHOLD = 0.45
DEFAULT_DAILY_CAP = 3
CHUNK = 500


@dataclass(frozen=True)
class PushReport:
    seekers: int
    pushed: int
    skipped_known: int  # good matches not sent because they were sent or applied to before
    capped: int  # good matches held back by the daily cap


def active_seekers() -> list[User]:
    return list(
        User.objects.filter(memberships__role=Role.LEARNER, is_active=True,
                            anonymized_at__isnull=True)
        .exclude(seeker_profile__availability=Availability.NOT_LOOKING)
        .distinct()
        .order_by("pk")
    )  # fmt: skip


def match_push(
    *,
    today: datetime.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    daily_cap: int = DEFAULT_DAILY_CAP,
) -> PushReport:
    """Push each active seeker's best new matches above ``threshold``. Safe to run again the
    same night: what was sent is recorded and the cap counts today's pushes."""
    today = today or timezone.localdate()
    index, positions = index_of_open_positions()
    seekers = active_seekers()
    if not positions or not seekers:
        return PushReport(len(seekers), 0, 0, 0)
    pushed = known_count = capped = 0
    for start in range(0, len(seekers), CHUNK):
        people = {str(p.pk): p for p in seekers[start : start + CHUNK]}
        ranked = index.top_jobs_many(
            seekers_of(list(people.values()), today=today), k=daily_cap + 20
        )
        for seeker_id, matches in ranked:
            person = people[seeker_id]
            good = [m for m in matches if m.score >= threshold]
            if not good:
                continue
            sent, skipped, held = _push_to(person, good, positions, today, daily_cap)
            pushed, known_count, capped = pushed + sent, known_count + skipped, capped + held
    return PushReport(len(seekers), pushed, known_count, capped)


@transaction.atomic
def _push_to(
    person: User,
    matches: list[Match],
    positions: dict[str, Position],
    today: datetime.date,
    daily_cap: int,
) -> tuple[int, int, int]:
    """Push one person's good matches; returns (sent, already known, held by the cap)."""
    known = set(MatchPush.objects.filter(user=person).values_list("position_id", flat=True))
    known |= set(Application.objects.filter(applicant=person).values_list("position_id", flat=True))
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    room = daily_cap - MatchPush.objects.filter(user=person, created_at__gte=start).count()
    sent = skipped = held = 0
    for match in matches:
        position = positions[match.job_id]
        if position.pk in known:
            skipped += 1
            continue
        if room <= 0:
            held += 1
            continue
        MatchPush.objects.create(user=person, position=position, score=match.score)
        notify(
            user=person,
            kind="match",
            params={
                "position": position.title,
                "employer": position.employer.name,
                "district": position.district.name,
                "score": round(match.score * 100),
                "matched": "、".join(match.matched[:5]) or "-",
            },
            link=f"/jobs/{position.pk}/",
        )
        room -= 1
        sent += 1
    return sent, skipped, held
