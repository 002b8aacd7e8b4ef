"""What a certificate looks like to people: its facts in both languages, the QR code that
leads to its page, and the printable PDF (Chinese and English, CJK font embedded)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from zhijiang.common.pdf import PdfDocument
from zhijiang.credentials.models import AchievementType, Certificate
from zhijiang_engine.credentials import skill_level, skill_levels
from zhijiang_engine.credentials.badge import level_with_specialism
from zhijiang_engine.standards.levels import Ladder, ladder_of


def page_url(certificate: Certificate) -> str:
    """The certificate's public page, where the QR code leads."""
    return f"{settings.PUBLIC_URL}/credentials/c/{certificate.uuid}/"


def _qr(certificate: Certificate) -> segno.QRCode:
    return segno.make(page_url(certificate), error="m")


def qr_svg(certificate: Certificate) -> SafeString:
    """The QR code as an inline <svg> element."""
    svg = _qr(certificate).svg_inline(scale=4, title="QR", dark="#1f2937")
    return mark_safe(svg)  # noqa: S308 - segno's own markup around a URL we built


def qr_png(certificate: Certificate) -> bytes:
    buffer = io.BytesIO()
    _qr(certificate).save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def masked_name(name: str) -> str:
    """The holder's name on public pages: the first character, the rest hidden (张**)."""
    name = name.strip()
    return name[:1] + "*" * min(max(len(name) - 1, 1), 3) if name else ""


@dataclass(frozen=True)
class Facts:
    """A certificate's facts in Chinese and English, for the PDF."""

    occupation_zh: str
    occupation_en: str
    level_zh: str
    level_en: str
    alignments: tuple[str, ...]
    ladder: Ladder = Ladder.WORKER


def certificate_ladder(certificate: Certificate) -> Ladder:
    """The ladder the certificate's level is on: its occupation's, except for an older
    certificate whose level is off that ladder (it was issued on the worker ladder)."""
    ladder = ladder_of(certificate.occupation.code)
    if certificate.level not in {level.rank for level in skill_levels(ladder)}:
        return Ladder.WORKER
    return ladder


def facts(certificate: Certificate) -> Facts:
    ladder = certificate_ladder(certificate)
    level = skill_level(certificate.level, ladder)
    links = {link.scheme: link for link in certificate.occupation.links.all()}
    english = links.get("esco") or links.get("isco08")
    alignments = tuple(
        f"{label} {link.code} {link.label}"
        for scheme, label in (("isco08", "ISCO-08"), ("esco", "ESCO"))
        if (link := links.get(scheme)) is not None
    )
    return Facts(
        occupation_zh=certificate.occupation.name,
        occupation_en=english.label if english else "",
        level_zh=level_with_specialism(level.name_zh, certificate.specialism or None),
        level_en=(
            f"{level.name_en} ({certificate.specialism})"
            if certificate.specialism
            else level.name_en
        ),
        alignments=alignments,
        ladder=ladder,
    )


def _date(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


def certificate_pdf(certificate: Certificate, *, holder_name: str) -> bytes:
    """The printable certificate; raises PdfFontMissing when no CJK font is installed."""
    info = facts(certificate)
    licence = certificate.achievement_type == AchievementType.LICENSE
    title_zh, title_en = (
        ("职业资格证书", "Occupational Licence")
        if licence
        else ("职业技术技能等级证书", "Technical Skill Level Certificate")
        if info.ladder is Ladder.PROFESSIONAL
        else ("职业技能等级证书", "Vocational Skill Level Certificate")
    )
    document = PdfDocument(title=f"{title_zh} {info.occupation_zh}",
                               author=certificate.issuer.name)  # fmt: skip
    document.title(title_zh, subtitle=title_en)
    occupation = f"{info.occupation_zh}（{certificate.occupation.code}）"
    if info.occupation_en:
        occupation += f"\n{info.occupation_en}"
    rows = [
        ["持证人 Holder", holder_name],
        ["职业 Occupation", occupation],
        ["等级 Level", f"{info.level_zh} / {info.level_en}（{certificate.level}）"],
        ["发证机构 Issuer", certificate.issuer.name],
        ["发证日期 Issued", _date(certificate.issued_at)],
        ["有效期至 Valid until", _date(certificate.valid_until) or "长期 No expiry"],
        ["证书编号 Certificate ID", str(certificate.uuid)],
    ]
    if info.alignments:
        rows.append(["国际对照 International", "\n".join(info.alignments)])
    if certificate.revoked_at:
        rows.append(["已撤销 Revoked", _date(certificate.revoked_at)])
    document.table(["项目 Item", "内容 Details"], rows, widths=[1, 2.6])
    document.image(qr_png(certificate), size_mm=38)
    document.paragraph(
        "扫描二维码或访问以下地址在线核验本证书的数字签名、发证机构密钥、撤销状态与有效期："
    )
    document.paragraph(
        "Scan the QR code or open the address below to verify this certificate's digital "
        "signature, issuer key, revocation status and validity period:"
    )
    document.paragraph(page_url(certificate))
    return document.to_bytes()
