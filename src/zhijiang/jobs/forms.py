"""Web forms for the jobs pages. They check shape and turn text into the services' inputs;
the services decide and report domain errors back onto the form."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation
from zhijiang.common.models import District
from zhijiang.jobs.models import (
    Application,
    Availability,
    Education,
    EmploymentCheck,
    EmploymentType,
)
from zhijiang.jobs.profiles import ProfileInput, WorkInput
from zhijiang.jobs.services import PositionInput
from zhijiang.occupations.levels import either_ladder_label, ladder_ranks
from zhijiang.occupations.models import Skill

# Commas (ASCII and full-width), 、, semicolons and newlines separate list entries.
LIST_SEPARATORS = re.compile(r"[,，、;；\n\r]+")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text or "") if part.strip()]


def level_choices(empty: Any) -> list[tuple[str, Any]]:
    """Every rank, named on both ladders where it is on both (中级工 / 中级): these pickers
    belong to no one occupation; the services check a level against the occupation's ladder."""
    return [("", empty)] + [(str(rank), either_ladder_label(rank)) for rank in ladder_ranks(None)]


def resolve_skills(text: str) -> tuple[list[str], list[str]]:
    """Skill keys for entries given as keys or labels (Chinese or English, any case), and the
    entries that name no skill."""
    keys: list[str] = []
    unknown: list[str] = []
    for entry in split_list(text):
        skill = Skill.objects.filter(key=entry).first() or (
            Skill.objects.filter(Q(label_zh__iexact=entry) | Q(label_en__iexact=entry))
            .order_by("key")
            .first()
        )
        if skill is None:
            unknown.append(entry)
        elif skill.key not in keys:
            keys.append(skill.key)
    return keys, unknown


class BoardForm(forms.Form):
    """The job board's search and filters (all optional; bad values are ignored)."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    occupation = forms.CharField(
        label=_("Occupation code"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "4-04-05"}),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All districts"),
    )
    pay_from = forms.IntegerField(
        label=_("Lowest monthly pay (yuan)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    level = forms.TypedChoiceField(label=_("My skill level"), coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = level_choices(_("Any level"))


class PositionForm(forms.Form):
    """What an employer states about a position, mapped to ``services.PositionInput``."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=100)
    description = forms.CharField(
        label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
    occupation = forms.CharField(
        label=_("Occupation code (CSCO-2022)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "4-04-05-05"}),
    )
    required_skills = forms.CharField(
        label=_("Required skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skill names or keys, separated by commas, 、 or new lines."),
    )
    preferred_skills = forms.CharField(
        label=_("Preferred skills"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level_min = forms.TypedChoiceField(
        label=_("Skill level required"), coerce=int, empty_value=None, required=False
    )
    level_is_hard = forms.BooleanField(label=_("The level is a hard requirement"), required=False)
    skills_are_hard = forms.BooleanField(
        label=_("The required skills are hard requirements"),
        required=False,
        help_text=_(
            "Candidates without every required skill (at the level, where one is set) "
            "are not proposed."
        ),
    )
    education_min = forms.ChoiceField(
        label=_("Education required"),
        choices=[("", _("Any")), *Education.choices],
        required=False,
    )
    education_is_hard = forms.BooleanField(
        label=_("The education is a hard requirement"), required=False
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=50, initial=0
    )
    pay_min = forms.IntegerField(
        label=_("Monthly pay from (yuan)"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    pay_max = forms.IntegerField(
        label=_("Monthly pay up to (yuan)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        empty_label=_("Choose a district"),
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    headcount = forms.IntegerField(label=_("Openings"), min_value=1, max_value=1000, initial=1)
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        choices=EmploymentType.choices,
        initial=EmploymentType.FULL_TIME,
    )
    closes_on = forms.DateField(
        label=_("Advertised until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to advertise it for 60 days after posting."),
    )

    def __init__(self, *args: Any, employers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level_min = cast(forms.ChoiceField, self.fields["level_min"])
        level_min.choices = level_choices(_("No level required"))
        if employers is None or len(employers) <= 1:
            del self.fields["employer"]  # editing, or only one employer to post for
        else:
            field = cast("forms.ModelChoiceField[Organisation]", self.fields["employer"])
            field.queryset = employers

    def _clean_skills(self, name: str) -> list[str]:
        keys, unknown = resolve_skills(self.cleaned_data.get(name, ""))
        if unknown:
            raise forms.ValidationError(
                _("Unknown skill: %(names)s"), params={"names": "、".join(unknown)}
            )
        return keys

    def clean_required_skills(self) -> list[str]:
        return self._clean_skills("required_skills")

    def clean_preferred_skills(self) -> list[str]:
        return self._clean_skills("preferred_skills")

    def clean_occupation(self) -> str:
        return str(self.cleaned_data.get("occupation", "")).strip()

    def to_input(self) -> PositionInput:
        data = self.cleaned_data
        return PositionInput(
            title=data["title"],
            description=data["description"],
            pay_min=data["pay_min"],
            pay_max=data["pay_max"],
            district=data["district"].code,
            occupation=data["occupation"],
            required_skills=data["required_skills"],
            preferred_skills=data["preferred_skills"],
            level_min=data["level_min"],
            level_is_hard=data["level_is_hard"],
            skills_are_hard=data["skills_are_hard"],
            education_min=data["education_min"],
            education_is_hard=data["education_is_hard"],
            experience_years=data["experience_years"],
            address=data["address"],
            headcount=data["headcount"],
            employment_type=data["employment_type"],
            closes_on=data["closes_on"],
        )

    @staticmethod
    def initial_of(position: Any) -> dict[str, Any]:
        links = list(position.skill_links.select_related("skill"))
        return {
            "title": position.title,
            "description": position.description,
            "occupation": position.occupation.code if position.occupation_id else "",
            # Labels in the reader's language; the form reads labels and keys alike.
            "required_skills": "、".join(link.skill.label for link in links if link.required),
            "preferred_skills": "、".join(link.skill.label for link in links if not link.required),
            "level_min": position.level_min,
            "level_is_hard": position.level_is_hard,
            "skills_are_hard": position.skills_are_hard,
            "education_min": position.education_min,
            "education_is_hard": position.education_is_hard,
            "experience_years": position.experience_years,
            "pay_min": position.pay_min,
            "pay_max": position.pay_max,
            "district": position.district.code,
            "address": position.address,
            "headcount": position.headcount,
            "employment_type": position.employment_type,
            "closes_on": position.closes_on,
        }


class ApplyForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the employer"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    """The employer's next step for an application; the service checks reason and date."""

    to = forms.ChoiceField(choices=Application.Status.choices)
    reason = forms.CharField(label=_("Reason or message"), max_length=500, required=False)
    started_on = forms.DateField(label=_("Start date"), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)


class CertificateCheckForm(forms.Form):
    """An officer's check of a declared certificate (``profiles.certificate_check``)."""

    confirmed = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("1", _("Confirmed")), ("0", _("Not confirmed"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ProfileForm(forms.Form):
    """A job seeker's stated education, preferences and availability (``ProfileInput``)."""

    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Education.choices], required=False
    )
    major = forms.CharField(label=_("Field of study"), max_length=80, required=False)
    summary = forms.CharField(
        label=_("About me"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    preferred_districts = forms.ModelMultipleChoiceField(
        label=_("Preferred districts"),
        queryset=District.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("On a computer, hold Ctrl (⌘ on a Mac) to choose several."),
    )
    preferred_occupations = forms.CharField(
        label=_("Preferred occupation codes"),
        required=False,
        help_text=_("CSCO-2022 codes separated by commas, e.g. 4-04-05-05, 2-02-38-01"),
    )
    pay_min = forms.IntegerField(
        label=_("Lowest acceptable monthly pay (yuan)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)

    def to_input(self) -> ProfileInput:
        data = self.cleaned_data
        return ProfileInput(
            education=data["education"],
            major=data["major"],
            summary=data["summary"],
            preferred_districts=[d.code for d in data["preferred_districts"]],
            preferred_occupations=split_list(data["preferred_occupations"].replace(" ", ",")),
            pay_min=data["pay_min"],
            availability=data["availability"],
        )

    @staticmethod
    def initial_of(profile: Any) -> dict[str, Any]:
        return {
            "education": profile.education,
            "major": profile.major,
            "summary": profile.summary,
            "preferred_districts": [d.code for d in profile.preferred_districts.all()],
            "preferred_occupations": ", ".join(o.code for o in profile.preferred_occupations.all()),
            "pay_min": profile.pay_min,
            "availability": profile.availability,
        }


class DateInput(forms.DateInput):
    input_type = "date"


class WorkForm(forms.Form):
    """One job held (``WorkInput``)."""

    title = forms.CharField(label=_("Job title"), max_length=100)
    employer_name = forms.CharField(label=_("Employer"), max_length=120, required=False)
    occupation = forms.CharField(
        label=_("Occupation code"),
        max_length=10,
        required=False,
        help_text=_("Use “Suggest” to find the code for the job title."),
    )
    started_on = forms.DateField(label=_("From"), widget=DateInput())
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("What I did"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def to_input(self) -> WorkInput:
        data = self.cleaned_data
        return WorkInput(
            title=data["title"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            employer_name=data["employer_name"],
            occupation=data["occupation"].strip(),
            description=data["description"],
        )


class CertificateForm(forms.Form):
    occupation = forms.CharField(label=_("Occupation code"), max_length=10)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int)
    issuer = forms.CharField(label=_("Issued by"), max_length=120, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = level_choices("—")[1:]


class CheckAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (EmploymentCheck.Answer.EMPLOYED, EmploymentCheck.Answer.EMPLOYED.label),
            (EmploymentCheck.Answer.LEFT, EmploymentCheck.Answer.LEFT.label),
        ],
        widget=forms.RadioSelect,
    )
