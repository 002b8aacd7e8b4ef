"""Web forms for the training pages. They check shape and turn text into the services' inputs;
the services decide and report domain errors back onto the form."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.accounts.models import Organisation
from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import add_service_error
from zhijiang.common.models import District
from zhijiang.occupations.levels import either_ladder_label, ladder_ranks
from zhijiang.occupations.models import Standard
from zhijiang.training.delivery import RunInput
from zhijiang.training.models import CourseRun, Mode
from zhijiang.training.selectors import CatalogueFilters
from zhijiang.training.services import CourseRequest, LessonEdit

OCCUPATION_CODE = re.compile(r"^\d[\d-]*$")
# "modules[1].lessons[0].theory_hours": where the plan reader found a fault.
PLAN_PATH = re.compile(r"^modules\[(\d+)\]\.lessons\[(\d+)\](?:\.(\w+))?")


def _district_field(empty: Any, **kwargs: Any) -> forms.ModelChoiceField[District]:
    return forms.ModelChoiceField(
        queryset=District.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=empty,
        **kwargs,
    )


def _organisation_field(form: forms.Form, name: str, organisations: QuerySet[Organisation]) -> None:
    field = cast("forms.ModelChoiceField[Organisation]", form.fields[name])
    field.queryset = organisations.order_by("name")
    if len(field.queryset) == 1:
        form.initial.setdefault(name, field.queryset[0].pk)


class CatalogueForm(forms.Form):
    """The catalogue's search and filters (all optional; bad values are ignored)."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    occupation = forms.CharField(
        label=_("Occupation (code or name)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "4-04-05"}),
    )
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, empty_value=None, required=False)
    district = _district_field(_("All districts"), label=_("District"))
    online = forms.BooleanField(label=_("Online only"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)
    voucher = forms.BooleanField(label=_("Training vouchers accepted"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [("", _("Any level"))] + [
            (str(rank), either_ladder_label(rank)) for rank in ladder_ranks(None)
        ]
        cast(forms.ChoiceField, self.fields["level"]).choices = levels

    def filters(self) -> CatalogueFilters:
        """The valid filters; an occupation given by name is searched like the search box."""
        data = getattr(self, "cleaned_data", {})
        occupation = (data.get("occupation") or "").strip()
        words = data.get("q") or ""
        by_code = bool(OCCUPATION_CODE.match(occupation))
        if occupation and not by_code:
            words = f"{words} {occupation}"
        district = data.get("district")
        return CatalogueFilters(
            q=words.strip(),
            occupation=occupation if by_code else "",
            level=data.get("level"),
            district=district.code if district else "",
            online=bool(data.get("online")),
            free=bool(data.get("free")),
            voucher=bool(data.get("voucher")),
        )


class StandardChoiceField(forms.ModelChoiceField[Standard]):
    def label_from_instance(self, obj: Standard) -> str:
        return str(
            _("%(occupation)s (%(code)s), version %(version)s")
            % {
                "occupation": obj.occupation.name,
                "code": obj.occupation.code,
                "version": obj.version,
            }
        )


class LevelSelect(forms.Select):
    """Each level option says which standards have it, so the page can hide the others."""

    standards_of: dict[int, list[int]]

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", None):
            ids = getattr(self, "standards_of", {}).get(int(str(value)), [])
            option["attrs"]["data-standards"] = " ".join(str(pk) for pk in ids)
        return option


class CourseGenerateForm(forms.Form):
    """What to generate: a level of an approved standard in so many hours, for an owner."""

    standard = StandardChoiceField(
        label=_("Occupational standard"), queryset=Standard.objects.none()
    )
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, widget=LevelSelect)
    total_hours = forms.DecimalField(
        label=_("Total hours"), min_value=1, max_value=2000, decimal_places=1, initial=80
    )
    practice_share = forms.IntegerField(
        label=_("Practice share (%)"),
        min_value=0,
        max_value=100,
        initial=60,
        help_text=_("The share of the hours spent on practice."),
    )
    district = _district_field(
        _("No adaptation"),
        label=_("Adapt to the demand of a district"),
        help_text=_(
            "Optional. The demand comes from the skills the district's open positions ask for; "
            "lessons teaching them get more hours and move forward."
        ),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(
        label=pgettext_lazy("course", "Title"),
        max_length=120,
        required=False,
        help_text=_("Optional. By default: the occupation and level."),
    )
    for_vouchers = forms.BooleanField(
        label=_("For voucher-funded runs"),
        required=False,
        help_text=_(
            "An officer of the bureau or of the provider's district then approves the plan, "
            "not the provider; only after that can its runs take training vouchers."
        ),
    )

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standards = Standard.objects.filter(status=Standard.Status.APPROVED).select_related(
            "occupation"
        )
        cast(StandardChoiceField, self.fields["standard"]).queryset = standards
        _organisation_field(self, "owner", owners)
        standards_of: dict[int, list[int]] = {}
        for standard_id, rank in standards.values_list("pk", "levels__rank"):
            if rank is not None:
                standards_of.setdefault(rank, []).append(standard_id)
        level = cast(forms.ChoiceField, self.fields["level"])
        level.choices = [("", "—")] + [
            (str(rank), either_ladder_label(rank)) for rank in sorted(standards_of)
        ]
        cast(LevelSelect, level.widget).standards_of = standards_of

    def to_request(self) -> CourseRequest:
        data = self.cleaned_data
        return CourseRequest(
            standard=data["standard"],
            level=data["level"],
            total_hours=float(data["total_hours"]),
            practice_share=data["practice_share"] / 100,
            district=data["district"],
            title=data["title"],
            for_vouchers=data["for_vouchers"],
        )


def _hours_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=2000,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


class LessonsEditForm(forms.Form):
    """One row of inputs per lesson of the plan (``<key>__title`` …) and a note."""

    note = forms.CharField(
        label=_("What changed and why"),
        max_length=300,
        required=False,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, plan: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.rows: list[dict[str, Any]] = []
        for module in plan["modules"]:
            for lesson in module["lessons"]:
                key = lesson["key"]
                names = {part: f"{key}__{part}" for part in LESSON_PARTS}
                self.fields[names["title"]] = forms.CharField(
                    label=pgettext_lazy("lesson", "Title"), max_length=200
                )
                self.fields[names["theory_hours"]] = _hours_field(_("Theory hours"))
                self.fields[names["practice_hours"]] = _hours_field(_("Practice hours"))
                self.fields[names["summary"]] = forms.CharField(
                    label=_("Summary"),
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                for part, name in names.items():
                    self.initial.setdefault(name, lesson.get(part, ""))
                self.rows.append(
                    {"key": key, "module": module, "fields": [self[n] for n in names.values()]}
                )

    def edits(self) -> list[LessonEdit]:
        data = self.cleaned_data
        return [
            LessonEdit(
                key=row["key"],
                title=data[f"{row['key']}__title"],
                theory_hours=float(data[f"{row['key']}__theory_hours"]),
                practice_hours=float(data[f"{row['key']}__practice_hours"]),
                summary=data[f"{row['key']}__summary"],
            )
            for row in self.rows
        ]

    def add_service_error(self, error: ApplicationError) -> None:
        """The service's message above the table, and each fault at the lesson it names.

        A total that no longer adds up is said in the reader's language: the plan reader's
        own message for it is an English technical one."""
        if any(path.endswith("total_hours") for path in error.fields):
            total = sum(edit.theory_hours + edit.practice_hours for edit in self.edits())
            self.add_error(
                None,
                _("The lessons add up to %(sum)s hours; they must add up to %(hours)s.")
                % {"sum": f"{total:g}", "hours": f"{float(self.plan['total_hours']):g}"},
            )
        else:
            self.add_error(None, str(error.message))
        keys = [row["key"] for row in self.rows]
        places = {
            (mi, li): lesson["key"]
            for mi, module in enumerate(self.plan["modules"])
            for li, lesson in enumerate(module["lessons"])
        }
        for path, message in error.fields.items():
            name = _field_of(path, keys, places)
            if name in self.fields and name not in self.errors:
                self.add_error(name, str(message))


LESSON_PARTS = ("title", "theory_hours", "practice_hours", "summary")


def _field_of(path: str, keys: list[str], places: dict[tuple[int, int], str]) -> str:
    if path.startswith("lessons."):
        key, _dot, part = path[len("lessons.") :].rpartition(".")
        return f"{key}__{part}" if key in keys else ""
    found = PLAN_PATH.match(path)
    if found is None:
        return ""
    key = places.get((int(found.group(1)), int(found.group(2))), "")
    part = found.group(3) if found.group(3) in LESSON_PARTS else "theory_hours"
    return f"{key}__{part}"


class LessonMaterialForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text; line breaks are kept."),
    )
    video_url = forms.CharField(
        label=_("Video link"),
        max_length=200,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("At most 20 MB. A new file replaces the old one."),
    )

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)


class RunForm(forms.Form):
    """What a provider states about a run, mapped to ``delivery.RunInput``."""

    provider = forms.ModelChoiceField(
        label=_("Training provider"), queryset=Organisation.objects.none()
    )
    start_date = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices, initial=Mode.IN_PERSON)
    district = _district_field(
        _("None (online)"), label=_("District"), help_text=_("Needed unless the run is online.")
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000, initial=30)
    fee = forms.IntegerField(
        label=_("Fee (yuan)"), min_value=0, max_value=100_000, initial=0, help_text=_("0: free.")
    )
    voucher_eligible = forms.BooleanField(label=_("Training vouchers accepted"), required=False)
    attendance_share = forms.IntegerField(
        label=_("Attendance needed to complete (%)"), min_value=50, max_value=100, initial=80
    )

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _organisation_field(self, "provider", providers)

    def to_input(self) -> RunInput:
        data = self.cleaned_data
        district = data["district"]
        return RunInput(
            start_date=data["start_date"],
            end_date=data["end_date"],
            mode=data["mode"],
            capacity=data["capacity"],
            district=district.code if district else "",
            place=data["place"],
            fee=data["fee"],
            voucher_eligible=data["voucher_eligible"],
            attendance_share=data["attendance_share"] / 100,
        )


class ResultForm(forms.Form):
    """One learner's result at one assessment point."""

    enrolment = forms.TypedChoiceField(label=_("Learner"), coerce=int)
    key = forms.ChoiceField(label=_("Assessment point"))
    passed = forms.TypedChoiceField(
        label=_("Result"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Passed")), ("0", _("Not passed"))],
        widget=forms.RadioSelect,
        initial="1",
    )
    score = forms.IntegerField(label=_("Score (0–100)"), min_value=0, max_value=100, required=False)

    def __init__(
        self,
        *args: Any,
        learners: list[tuple[int, str]],
        assessments: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["enrolment"]).choices = learners
        cast(forms.ChoiceField, self.fields["key"]).choices = [
            (key, f"{key} {title}") for key, title in assessments.items()
        ]


class NoticeFilterForm(forms.Form):
    district = _district_field(_("All districts"), label=_("District"))


class NoticeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Published by"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=pgettext_lazy("notice", "Title"), max_length=150)
    body = forms.CharField(
        label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )
    district = _district_field(
        _("Its organisation's district"),
        label=_("District"),
        help_text=_("Where the notice is shown; by default its organisation's district."),
    )
    run = forms.ModelChoiceField(
        label=_("About a course run"),
        queryset=CourseRun.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        runs: QuerySet[CourseRun],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _organisation_field(self, "organisation", organisations)
        cast("forms.ModelChoiceField[CourseRun]", self.fields["run"]).queryset = runs
