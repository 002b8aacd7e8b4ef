"""Read-only admin: writes go through the platform's pages and API, which audit them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from zhijiang.accounts.models import ConsentRecord, DeletionRequest, Membership, Organisation, User
from zhijiang.common.errors import ApplicationError
from zhijiang.common.models import AuditEvent, District


class AdminSignInForm(AdminAuthenticationForm):
    """The admin's sign-in, throttled like every other (by the authentication backend); a
    throttled or busy refusal is shown on the form."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ApplicationError as error:
            raise ValidationError(str(error.message), code=error.code) from None


admin.site.login_form = AdminSignInForm


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "district", "id_number_masked", "is_active"]
    exclude = ["password", "phone", "id_number_hash"]
    search_fields = ["username", "full_name"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "district", "is_active"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["user", "purpose", "granted_at", "withdrawn_at"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "created_at", "decided_at"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "name_en", "kind"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_label", "action", "object_label", "district"]
    list_filter = ["action"]
