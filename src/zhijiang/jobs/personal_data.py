"""The data download's sections of the person's job-seeking: their profile, jobs held,
certificates declared, applications with every step, the hire and its follow-ups, and
employers' invitations to apply."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, party, register_section
from zhijiang.jobs.models import (
    Application,
    HeldCertificate,
    Hire,
    Invitation,
    SeekerProfile,
    WorkExperience,
)


def seeker_profile(user: User) -> dict[str, Any] | None:
    profile = (
        SeekerProfile.objects.filter(user=user)
        .prefetch_related("preferred_districts", "preferred_occupations")
        .first()
    )
    if profile is None:
        return None
    return {
        "education": profile.education,
        "major": profile.major,
        "summary": profile.summary,
        "preferred_districts": sorted(d.code for d in profile.preferred_districts.all()),
        "preferred_occupations": sorted(o.code for o in profile.preferred_occupations.all()),
        "pay_min": profile.pay_min,
        "availability": profile.availability,
        "updated": iso(profile.updated_at),
    }


def work_history(user: User) -> list[dict[str, Any]]:
    rows = WorkExperience.objects.filter(user=user).select_related("occupation")
    return [
        {
            "title": job.title,
            "employer": job.employer_name,
            "occupation": job.occupation.code if job.occupation else None,
            "from": iso(job.started_on),
            "until": iso(job.ended_on),
            "description": job.description,
        }
        for job in rows.order_by("started_on", "id")
    ]


def held_certificates(user: User) -> list[dict[str, Any]]:
    rows = HeldCertificate.objects.filter(user=user).select_related("occupation")
    return [
        {
            "occupation": held.occupation.code,
            "level": held.level,
            "issuer": held.issuer,
            "issued_on": iso(held.issued_on),
            "verified": held.verified,
            # The officer's check: when and the outcome, not who (as on the profile).
            "state": held.state.value,
            "checked": iso(held.checked_at),
            "check_note": held.check_note,
        }
        for held in rows.order_by("occupation__code", "level", "id")
    ]


def _hire(application: Application) -> dict[str, Any] | None:
    hire: Hire | None = getattr(application, "hire", None)
    if hire is None:
        return None
    return {
        "started_on": iso(hire.started_on),
        "recorded": iso(hire.created_at),
        "follow_ups": [
            {
                "months": check.months,
                "due": iso(check.due_on),
                "answer": check.answer,
                "asked": iso(check.asked_at),
                "answered": iso(check.answered_at),
            }
            for check in hire.checks.order_by("months", "id")
        ],
    }


def applications(user: User) -> list[dict[str, Any]]:
    """Each application with its steps; who took a step is "self", "staff" or "system"."""
    rows = (
        Application.objects.filter(applicant=user)
        .select_related("position", "position__employer", "position__district", "hire")
        .prefetch_related("events")
        .order_by("created_at", "id")
    )
    return [
        {
            "position": a.position.title,
            "employer": a.position.employer.name,
            "district": a.position.district.code,
            "status": a.status,
            "note": a.note,
            "match_score": a.match_score,
            "applied": iso(a.created_at),
            "updated": iso(a.updated_at),
            "steps": [
                {
                    "from": e.from_status,
                    "to": e.to_status,
                    "reason": e.reason,
                    "when": iso(e.created_at),
                    "by": party(e.actor_id, user),
                }
                for e in a.events.all()
            ],
            "hire": _hire(a),
        }
        for a in rows
    ]


def invitations(user: User) -> list[dict[str, Any]]:
    """Employers' invitations to apply (the inviting member of staff is not named)."""
    rows = Invitation.objects.filter(person=user).select_related("position__employer")
    return [
        {
            "position": invitation.position.title,
            "employer": invitation.position.employer.name,
            "invited": iso(invitation.created_at),
        }
        for invitation in rows.order_by("created_at", "id")
    ]


def register() -> None:
    app = "jobs"
    register_section(
        "seeker_profile", app=app, collect=seeker_profile, covers={"jobs.SeekerProfile.user"}
    )
    register_section(
        "work_history", app=app, collect=work_history, covers={"jobs.WorkExperience.user"}
    )
    register_section(
        "held_certificates",
        app=app,
        collect=held_certificates,
        covers={"jobs.HeldCertificate.user"},
    )
    register_section(
        "applications", app=app, collect=applications, covers={"jobs.Application.applicant"}
    )
    register_section("invitations", app=app, collect=invitations, covers={"jobs.Invitation.person"})
