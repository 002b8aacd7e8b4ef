"""Web forms of the exam-session pages: shape checks only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.assessment.models import ExamForm, ExamSession, ItemBank, PracticalTask
from zhijiang.assessment.sessions import SessionInput
from zhijiang.occupations.levels import either_ladder_label, ladder_ranks

LADDER = ladder_ranks(None)  # the worker ladder holds every rank of both ladders


class SessionForm(forms.Form):
    bank: forms.ModelChoiceField[ItemBank] = forms.ModelChoiceField(
        label=_("Item bank"), queryset=ItemBank.objects.none(), empty_label=None
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        choices=lambda: [(str(rank), f"{rank} · {either_ladder_label(rank)}") for rank in LADDER],
        help_text=_("Professional occupations (大类 2) are evaluated on 初级, 中级 and 高级 only."),
    )
    mode = forms.ChoiceField(
        label=pgettext_lazy("exam", "Mode"),
        choices=ExamSession.Mode.choices,
        widget=forms.RadioSelect,
    )
    form: forms.ModelChoiceField[ExamForm] = forms.ModelChoiceField(
        label=_("Exam form (fixed mode)"), queryset=ExamForm.objects.none(), required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Open for (minutes)"),
        min_value=1,
        max_value=30 * 24 * 60,
        initial=90,
        help_text=_("A sitting (e.g. 90), or a window of up to 30 days for online tests."),
    )
    time_limit_minutes = forms.IntegerField(
        label=_("Time per candidate (minutes)"),
        min_value=1,
        max_value=600,
        required=False,
        help_text=_("Leave empty when everyone sits the whole session."),
    )
    max_items = forms.IntegerField(
        label=_("Most items (adaptive)"),
        min_value=1,
        max_value=200,
        initial=30,
        help_text=_("The adaptive test also stops once the standard error is 0.3 or less."),
    )
    title = forms.CharField(
        label=pgettext_lazy("exam session", "Title"), max_length=120, required=False
    )
    specialism = forms.CharField(
        label=_("Specialism"),
        max_length=40,
        required=False,
        help_text=_(
            "Only at a level split into specialisms (专业方向); a fixed session takes its form's."
        ),
    )

    def __init__(
        self, *args: Any, banks: QuerySet[ItemBank], exam_forms: QuerySet[ExamForm], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[ItemBank], self.fields["bank"]).queryset = banks
        cast(forms.ModelChoiceField[ExamForm], self.fields["form"]).queryset = exam_forms

    def to_input(self) -> SessionInput:
        data = self.cleaned_data
        return SessionInput(
            level=data["level"], mode=data["mode"], starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"], form=data.get("form"),
            time_limit_minutes=data.get("time_limit_minutes"),
            max_items=data["max_items"], title=data.get("title", ""),
            specialism=data.get("specialism", ""),
        )  # fmt: skip


class PracticalTaskForm(forms.Form):
    project = forms.ChoiceField(label=_("Training project"))

    def __init__(self, *args: Any, projects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["project"]).choices = projects


class PracticalScoreForm(forms.Form):
    """One number field per rubric criterion, named by the criterion's key."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, task: PracticalTask, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        criteria: dict[str, forms.Field] = {}
        for row in task.rubric:
            criteria[f"c_{row['key']}"] = forms.FloatField(
                label=f"{row['key']} · {row['text']} ({row['points']})",
                min_value=0,
                max_value=float(row["points"]),
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )
        self.fields = {**criteria, "comment": self.fields["comment"]}

    def criteria(self) -> dict[str, float]:
        return {
            name.removeprefix("c_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("c_")
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("Photos, documents, code, archives or videos; at most 20 MB each."),
    )


class DecisionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: the decision is final")),
                 ("return", _("Return to the assessment body"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
