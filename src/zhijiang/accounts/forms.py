"""Web forms. They check shape; services decide and report domain errors onto the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.accounts.models import OrganisationKind, Role
from zhijiang.common.models import District


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignUpForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        error_messages={"invalid": _("3 to 150 letters, digits or . @ + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    full_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    district = forms.ModelChoiceField(
        label=_("District where you live or look for work"), queryset=District.objects.all()
    )
    password = forms.CharField(
        label=_("Password"),
        min_length=8,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice: the platform uses my data to offer me training, "
            "skill evaluation and jobs, shows it masked, and I can download it or ask for it "
            "to be erased at any time."
        )
    )


class SignUpCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the text message"),
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=pgettext_lazy("person", "Name"), max_length=60, required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to keep the current number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )


class IdNumberForm(forms.Form):
    id_number = forms.CharField(
        label=_("National ID number"),
        max_length=20,
        help_text=_(
            "18 characters. It is stored only as a keyed hash and shown masked; an officer "
            "verifies it when you show your ID card."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        min_length=8,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two new passwords differ."))
        return data


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        error_messages={"invalid": _("3 to 150 letters, digits or . @ + - _")},
    )
    full_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    id_number = forms.CharField(label=_("National ID number"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        min_length=8,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=20, required=False)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (role.value, role.label)
            for role in (
                Role.EMPLOYER_STAFF,
                Role.PROVIDER_STAFF,
                Role.ASSESSOR,
                Role.DISTRICT_OFFICER,
                Role.BUREAU_OFFICER,
            )
        ],
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve and erase")), ("0", _("Reject"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
