"""Reads of the analytics app. For now the quality review of generated content: a seeded
sample for a reviewer, and acceptance rates per generator version. Officers only: the
selector is the access check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.selectors import require_officer
from zhijiang.analytics.models import ContentKind, ContentReview, FlagReason, Verdict
from zhijiang.analytics.quality.sampling import spread_sample
from zhijiang.analytics.quality.units import ContentUnit, source_for
from zhijiang.common.errors import field_error
from zhijiang.occupations.models import Occupation

MAX_SAMPLE = 100
MAX_SEED = 2**31 - 1


def require_reviewer(user: Any) -> None:
    """Bureau and district officers (and the administrator) judge generated content: it holds
    no personal data, so a district officer's area does not limit what they may read."""
    require_officer(user)


def check_kind(kind: str) -> str:
    if kind not in ContentKind.values:
        message = _("Unknown kind of content %(kind)s: choose one of %(kinds)s.") % {
            "kind": repr(kind),
            "kinds": ", ".join(ContentKind.values),
        }
        raise field_error("kind", message)
    return kind


def quality_sample(
    *,
    user: Any,
    kind: str,
    occupation: Occupation | None = None,
    size: int = 20,
    seed: int,
) -> list[ContentUnit]:
    """Up to ``size`` units of generated content of one kind (of one occupation, or spread
    over all), chosen by ``seed`` and leaving out what this reviewer already judged. The
    same seed gives every reviewer the same units, less those each has judged."""
    require_reviewer(user)
    check_kind(kind)
    if not 1 <= size <= MAX_SAMPLE:
        raise field_error(
            "size", _("A sample has 1 to %(most)s units.") % {"most": MAX_SAMPLE}, "out_of_range"
        )
    if not 0 <= seed <= MAX_SEED:
        raise field_error(
            "seed", _("The seed is a whole number from 0 to %(most)s.") % {"most": MAX_SEED}
        )
    source = source_for(kind)
    judged = set(
        ContentReview.objects.filter(reviewer=user, kind=kind).values_list("object_id", "path")
    )
    keys = [key for key in source.keys(occupation) if (key[1], key[2]) not in judged]
    return source.units(spread_sample(keys, size=size, seed=seed, salt=kind))


def reviews_of(*, user: Any, units: list[ContentUnit]) -> dict[tuple[str, int, str], ContentReview]:
    """This reviewer's verdicts on these units, by (kind, object id, path)."""
    require_reviewer(user)
    if not units:
        return {}
    reviews = ContentReview.objects.filter(
        reviewer=user, kind=units[0].kind, object_id__in={unit.object_id for unit in units}
    )
    return {(r.kind, r.object_id, r.path): r for r in reviews}


@dataclass(frozen=True)
class RateRow:
    """Verdicts on one kind of content from one generator (of one occupation, or all)."""

    kind: str
    generator: str
    judged: int
    accepted: int
    reasons: dict[str, int] = field(default_factory=dict)
    occupation_code: str = ""
    occupation_name: str = ""

    @property
    def flagged(self) -> int:
        return self.judged - self.accepted

    @property
    def rate(self) -> float:
        return self.accepted / self.judged if self.judged else 0.0

    @property
    def percent(self) -> str:
        return f"{100 * self.rate:.1f} %"

    @property
    def kind_label(self) -> str:
        return str(ContentKind(self.kind).label)

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        """(reason in words, flags) of the reasons given, in the list's order."""
        return [
            (str(FlagReason(reason).label), self.reasons[reason])
            for reason in FlagReason.values
            if self.reasons.get(reason)
        ]


@dataclass(frozen=True)
class AcceptanceRates:
    by_generator: list[RateRow]
    by_occupation: list[RateRow]


def _counted(reviews: QuerySet[ContentReview], *fields: str) -> list[dict[str, Any]]:
    reasons = {f"reason_{r}": Count("pk", filter=Q(reason=r)) for r in FlagReason.values}
    return list(
        reviews.values(*fields)
        .annotate(
            judged=Count("pk"), accepted=Count("pk", filter=Q(verdict=Verdict.ACCEPTED)), **reasons
        )
        .order_by(*fields)
    )


def _row(values: dict[str, Any]) -> RateRow:
    return RateRow(
        kind=values["kind"],
        generator=values["generator"],
        judged=values["judged"],
        accepted=values["accepted"],
        reasons={r: values[f"reason_{r}"] for r in FlagReason.values},
        occupation_code=values.get("occupation__code", ""),
        occupation_name=values.get("occupation__name", ""),
    )


def _kind_order(row: RateRow) -> int:
    return ContentKind.values.index(row.kind)


def acceptance_rates(
    *, user: Any, kind: str = "", occupation: Occupation | None = None
) -> AcceptanceRates:
    """Accepted / judged per kind and generator version, over every reviewer's verdicts (a
    unit judged by two reviewers counts twice); and the same per occupation, for one kind or
    all, one occupation or all. Computed from the verdicts, never stored."""
    require_reviewer(user)
    reviews = ContentReview.objects.all()
    if kind:
        reviews = reviews.filter(kind=check_kind(kind))
    by_occupation = reviews if occupation is None else reviews.filter(occupation=occupation)
    generators = [_row(v) for v in _counted(ContentReview.objects.all(), "kind", "generator")]
    occupations = [
        _row(v)
        for v in _counted(
            by_occupation, "occupation__code", "occupation__name", "kind", "generator"
        )
    ]
    return AcceptanceRates(
        by_generator=sorted(generators, key=_kind_order),
        by_occupation=occupations,
    )
