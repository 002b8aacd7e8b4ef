"""Web forms for standards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhijiang_engine.standards.levels import ladder_levels, ladder_of, standard_ranks


class DraftForm(forms.Form):
    """The levels to draft, offered on the occupation's ladder (worker or professional)."""

    levels = forms.TypedMultipleChoiceField(
        label=_("Levels to cover"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    use_model = forms.BooleanField(
        label=_("Use the language model when one is configured"), required=False, initial=True
    )

    def __init__(self, *args: Any, occupation_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ladder = ladder_of(occupation_code)
        field = self.fields["levels"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (level.rank, f"{level.name_zh}（{level.national}）" if level.national
             else level.name_zh)
            for level in ladder_levels(ladder)
        ]  # fmt: skip
        field.initial = list(standard_ranks(ladder))


class RequirementForm(forms.Form):
    text = forms.CharField(label=_("Requirement"), max_length=500)
    skills = forms.CharField(
        label=_("Skills (separated by commas)"), max_length=500, required=False
    )

    def skill_labels(self) -> list[str]:
        raw = self.cleaned_data.get("skills", "")
        return [
            part.strip()
            for part in raw.replace("，", ",").replace("、", ",").split(",")
            if part.strip()
        ]


class SpecialismForm(forms.Form):
    """Add a specialism (专业方向), or rename ``old`` to ``name``."""

    name = forms.CharField(label=_("Specialism"), min_length=2, max_length=40)
    old = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class WorkFunctionForm(forms.Form):
    """A work function's specialism (on a professional standard) and its weights."""

    specialism = forms.ChoiceField(label=_("Specialism"), required=False)
    theory_weight = forms.IntegerField(label=_("Theory weight (%)"), min_value=0, max_value=100)
    skill_weight = forms.IntegerField(label=_("Skill weight (%)"), min_value=0, max_value=100)

    def __init__(self, *args: Any, specialisms: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["specialism"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Common to all specialisms"))] + [(n, n) for n in specialisms]
        if not specialisms:
            del self.fields["specialism"]


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(label=_("Standard file (JSON, zhijiang.standard/1)"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB; a standard is far smaller.")
            )
        return upload


class AnalyseForm(forms.Form):
    MAX_BYTES = 10 * 1024 * 1024

    file = forms.FileField(
        label=_("CV or job description (.docx, .pdf or .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )
    text = forms.CharField(
        label=_("…or paste the text"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
