"""Forms of the quality review page: which sample to show, and a verdict on one unit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from zhijiang.analytics.models import ContentKind, FlagReason, Verdict
from zhijiang.analytics.selectors import MAX_SAMPLE, MAX_SEED
from zhijiang.occupations.models import Occupation

DEFAULT_SIZE = 20


class SampleForm(forms.Form):
    """The sample's kind, occupation (or all), size and seed, all in the page's URL."""

    kind = forms.ChoiceField(
        label=_("Kind of content"),
        choices=ContentKind.choices,
        error_messages={"invalid_choice": _("Unknown kind of content: %(value)s.")},
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"),
        required=False,
        error_messages={
            "invalid_choice": _("No occupation with a standard has the code %(value)s.")
        },
    )
    size = forms.IntegerField(
        label=_("Units in the sample"), min_value=1, max_value=MAX_SAMPLE, required=False
    )
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=MAX_SEED)

    def __init__(self, *args: Any, occupations: Iterable[Occupation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.occupations = {occupation.code: occupation for occupation in occupations}
        choices = [(code, f"{code} {o.name}") for code, o in self.occupations.items()]
        field = cast(forms.ChoiceField, self.fields["occupation"])
        field.choices = [("", _("All occupations")), *choices]

    def chosen_occupation(self) -> Occupation | None:
        return self.occupations.get(self.cleaned_data.get("occupation") or "")


class VerdictForm(forms.Form):
    """One verdict; the service checks the values against the unit and the reasons."""

    kind = forms.ChoiceField(choices=ContentKind.choices)
    object_id = forms.IntegerField(min_value=1)
    path = forms.CharField(required=False, max_length=200)
    verdict = forms.ChoiceField(choices=Verdict.choices)
    reason = forms.ChoiceField(
        choices=[("", "—"), *FlagReason.choices], required=False, label=_("Reason")
    )
    note = forms.CharField(required=False, max_length=500, label=_("Note"))
