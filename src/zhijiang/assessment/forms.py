"""Web forms for the assessment pages: shape checks only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.accounts.models import Organisation
from zhijiang.assessment.models import Item, ItemKind
from zhijiang.assessment.services import ItemInput
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Standard
from zhijiang_engine.assessment import LETTERS


def _level_choices(
    ranks: list[int], empty: Any = None, code: str | None = None
) -> list[tuple[str, Any]]:
    """The standard's levels (``ranks``) named on the ladder of occupation ``code``."""
    choices = [(str(rank), f"{rank} · {level_label(rank, code)}") for rank in ranks]
    return ([("", empty)] if empty is not None else []) + choices


class BankForm(forms.Form):
    owner: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Assessment body"), queryset=Organisation.objects.none(), empty_label=None
    )
    standard: forms.ModelChoiceField[Standard] = forms.ModelChoiceField(
        label=_("Approved standard"), queryset=Standard.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=120, required=False)

    def __init__(self, *args: Any, owners: QuerySet[Any], standards: QuerySet[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Organisation], self.fields["owner"]).queryset = owners
        cast(forms.ModelChoiceField[Standard], self.fields["standard"]).queryset = standards


class ItemFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    requirement = forms.CharField(label=_("Requirement"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(label=_("Words in the stem"), max_length=100, required=False)
    flagged = forms.BooleanField(label=_("Flagged for review"), required=False)

    def __init__(
        self,
        *args: Any,
        ranks: list[int],
        statistics: bool = False,
        code: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        if not statistics:  # the flags come from item statistics, for the bank's assessors
            del fields["flagged"]
        cast(forms.ChoiceField, fields["status"]).choices = [("", _("Any status")),
                                                             *Item.Status.choices]  # fmt: skip
        cast(forms.ChoiceField, fields["kind"]).choices = [("", _("Any kind")), *ItemKind.choices]
        cast(forms.ChoiceField, fields["level"]).choices = _level_choices(
            ranks, _("Any level"), code
        )


class ItemForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Level"), coerce=int)
    requirement = forms.ChoiceField(
        label=_("Requirement"), help_text=_("The requirement of the standard the item tests.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    stem = forms.CharField(
        label=_("Stem"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    option_a = forms.CharField(label=_("Option A"), max_length=500, required=False)
    option_b = forms.CharField(label=_("Option B"), max_length=500, required=False)
    option_c = forms.CharField(label=_("Option C"), max_length=500, required=False)
    option_d = forms.CharField(label=_("Option D"), max_length=500, required=False)
    option_e = forms.CharField(label=_("Option E"), max_length=500, required=False)
    option_f = forms.CharField(label=_("Option F"), max_length=500, required=False)
    answer = forms.CharField(
        label=pgettext_lazy("exam item", "Answer"),
        max_length=1000,
        required=False,
        help_text=_("Option letters (e.g. B or ACD), T or F, or the key of a short answer."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        requirements: dict[int, dict[str, str]],
        code: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = _level_choices(
            sorted(requirements), code=code
        )
        merged: dict[str, str] = {}
        for rank in sorted(requirements):
            for key, text in requirements[rank].items():
                merged.setdefault(key, text)
        cast(forms.ChoiceField, self.fields["requirement"]).choices = [
            (key, f"{key} {text[:60]}") for key, text in merged.items()
        ]

    @staticmethod
    def initial_of(item: Item) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "level": item.level, "requirement": item.requirement, "kind": item.kind,
            "stem": item.stem, "answer": item.answer, "explanation": item.explanation,
        }  # fmt: skip
        for letter, text in zip(LETTERS, item.options, strict=False):
            initial[f"option_{letter.lower()}"] = text
        return initial

    def to_input(self) -> ItemInput:
        data = self.cleaned_data
        cells = [data.get(f"option_{letter.lower()}", "") for letter in LETTERS]
        while cells and not cells[-1]:
            cells.pop()
        return ItemInput(
            level=data["level"], requirement=data["requirement"], kind=data["kind"],
            stem=data["stem"], options=cells, answer=data.get("answer", ""),
            explanation=data.get("explanation", ""),
        )  # fmt: skip


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Item file (CSV or XLSX)"),
        help_text=_("Columns: requirement, level, kind, stem, A–F, answer, explanation."),
    )
    default_requirement = forms.CharField(
        label=_("Default requirement"),
        max_length=20,
        required=False,
        help_text=_("For files without a requirement column, such as the CMMLU layout."),
    )
    default_level = forms.TypedChoiceField(
        label=_("Default level"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, ranks: list[int], code: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["default_level"])
        field.choices = _level_choices(ranks, _("None"), code)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return to the author"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DraftForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Level"), coerce=int)

    def __init__(self, *args: Any, ranks: list[int], code: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = _level_choices(ranks, code=code)


class AssembleForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Level"), coerce=int)
    specialism = forms.ChoiceField(
        label=_("Specialism"),
        required=False,
        help_text=_("A level split into specialisms (专业方向) is examined in one of them."),
    )
    count = forms.IntegerField(label=_("Parallel forms"), min_value=1, max_value=10, initial=1)
    length = forms.IntegerField(
        label=_("Items per form"),
        min_value=1,
        max_value=300,
        required=False,
        help_text=_("Empty: the theory points divided by the points per item."),
    )
    points_per_item = forms.IntegerField(
        label=_("Points per item"), min_value=1, max_value=100, initial=1
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text=_("The same seed and bank give the same forms; empty: a random seed."),
    )
    title = forms.CharField(
        label=pgettext_lazy("exam form", "Title"), max_length=100, required=False
    )

    def __init__(
        self,
        *args: Any,
        ranks: list[int],
        code: str | None = None,
        specialisms: dict[int, tuple[str, ...]] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = _level_choices(ranks, code=code)
        specialisms = specialisms or {}
        if not specialisms:
            del self.fields["specialism"]
            return
        names = dict.fromkeys(name for rank in sorted(specialisms) for name in specialisms[rank])
        cast(forms.ChoiceField, self.fields["specialism"]).choices = [
            ("", _("None (a level without specialisms)")),
            *((name, _specialism_label(name, specialisms, code)) for name in names),
        ]


def _specialism_label(name: str, specialisms: dict[int, tuple[str, ...]], code: str | None) -> str:
    """A direction named with the levels split into it: "中级, 高级 · 机器学习"."""
    ranks = [rank for rank in sorted(specialisms) if name in specialisms[rank]]
    return f"{', '.join(level_label(rank, code) for rank in ranks)} · {name}"
