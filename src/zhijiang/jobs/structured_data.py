"""schema.org ``JobPosting`` markup for a public position page, the structured data that job
search engines read (schema.org/JobPosting, and the properties Google's job search requires).

Only a position that is open and within its advertised days carries it: a closed, paused or
expired position's page stays readable for people, without markup, so search engines drop it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from zhijiang.jobs.models import Position

# The platform that assigns position ids, named as the identifier's issuer.
PLATFORM_NAME = "智匠 Zhijiang"
# Characters that must not appear raw inside a <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _end_of_day(day: dt.date) -> str:
    """The last second of ``day`` in the platform's time zone, as ISO 8601 with its offset."""
    moment = dt.datetime.combine(day, dt.time(23, 59, 59))
    return timezone.make_aware(moment).isoformat()


def job_posting(position: Position) -> dict[str, Any]:
    """The JobPosting for ``position`` as a JSON-ready dictionary; its skills are prefetched."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": position.title,
        # Text typed by the employer, escaped, with its paragraphs and line breaks kept.
        "description": linebreaks(position.description, autoescape=True),
        "identifier": {
            "@type": "PropertyValue",
            "name": PLATFORM_NAME,
            "value": str(position.pk),
        },
        "datePosted": timezone.localdate(position.created_at).isoformat(),
        "validThrough": _end_of_day(position.advertised_until),
        "employmentType": position.employment_type.upper(),
        "hiringOrganization": {"@type": "Organization", "name": position.employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": position.district.name,
                "addressRegion": "重庆市",
                "addressCountry": "CN",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CNY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": position.pay_min,
                "maxValue": position.pay_max,
                "unitText": "MONTH",
            },
        },
        "totalJobOpenings": position.headcount,
    }
    if position.address:
        data["jobLocation"]["address"]["streetAddress"] = position.address
    if position.occupation is not None:
        data["occupationalCategory"] = f"{position.occupation.code} {position.occupation.name}"
    links = list(position.skill_links.all())
    if links:
        data["skills"] = ", ".join(link.skill.label_zh or link.skill.key for link in links)
    return data


def job_posting_json_ld(position: Position) -> SafeString:
    """The JobPosting, safe to place inside a <script> element; empty when the position is not
    advertised (closed, paused, or past its last advertised day)."""
    if not position.is_advertised:
        return SafeString("")
    text = json.dumps(job_posting(position), ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped cannot end the script
