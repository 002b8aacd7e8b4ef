"""Read-only admin for certificates and keys; a key's private part is never shown."""

from __future__ import annotations

from django.contrib import admin

from zhijiang.accounts.admin import ReadOnlyAdmin
from zhijiang.credentials.models import Certificate, IssuerKey


@admin.register(IssuerKey)
class IssuerKeyAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "number", "status", "valid_from", "retired_at", "revoked_at"]
    list_filter = ["status"]
    fields = [
        "organisation", "number", "key_id", "public_key_multibase", "status", "valid_from",
        "retired_at", "revoked_at", "revocation_reason", "last_used_at",
    ]  # fmt: skip


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["uuid", "issuer", "occupation", "level", "issued_at", "revoked_at"]
    list_filter = ["level"]
    exclude = ["person"]
    search_fields = ["uuid"]
