"""How a certificate (and the exam that leads to it) names its level: the level on the
occupation's ladder, and the 专业方向 where the level was assessed in one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from zhijiang.occupations.levels import level_label

if TYPE_CHECKING:
    from zhijiang.credentials.models import Certificate


def level_with_specialism(rank: int, code: str | None, specialism: str = "") -> str:
    """ "中级" or, in a specialism, "中级 · 机器学习方向", in the active language."""
    level = level_label(rank, code)
    if not specialism:
        return level
    return _("%(level)s · %(specialism)s specialism") % {"level": level, "specialism": specialism}


def certificate_level_label(certificate: Certificate) -> str:
    """The certificate's level as its pages show it (select the occupation with it)."""
    return level_with_specialism(
        certificate.level, certificate.occupation.code, certificate.specialism
    )
