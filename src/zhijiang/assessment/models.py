"""Item banks, items tagged to a standard's requirements, assembled exam forms; exam sessions,
attempts, practical scores and level decisions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.accounts.models import Organisation, OrganisationKind
from zhijiang.credentials.levels import level_with_specialism
from zhijiang.occupations.models import Standard


class ItemBank(models.Model):
    """An assessment body's items for one version of a standard."""

    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("assessment body"),
        on_delete=models.PROTECT,
        related_name="item_banks",
        limit_choices_to={"kind": OrganisationKind.ASSESSMENT_BODY},
    )
    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="item_banks"
    )
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["owner__name", "name", "id"]
        verbose_name = _("item bank")
        verbose_name_plural = _("item banks")
        constraints = [
            models.UniqueConstraint(fields=["owner", "standard"], name="one_bank_per_standard"),
        ]

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True/false")
    SHORT_ANSWER = "short_answer", _("Short answer")


ITEM_SOURCES = {
    "manual": _("written on the platform"),
    "import": _("imported from a file"),
    "demo": _("demo data"),
}
TRUE_FALSE_WORDS = {
    "T": pgettext_lazy("true/false answer", "True"),
    "F": pgettext_lazy("true/false answer", "False"),
}


class Item(models.Model):
    """One exam item, tagged to a requirement of one level of the bank's standard."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("item status", "Draft")
        REVIEWED = "reviewed", pgettext_lazy("item status", "Reviewed")
        CALIBRATED = "calibrated", pgettext_lazy("item status", "Calibrated")
        RETIRED = "retired", pgettext_lazy("item status", "Retired")

    bank = models.ForeignKey(ItemBank, on_delete=models.CASCADE, related_name="items")
    level = models.PositiveSmallIntegerField(_("level"))
    requirement = models.CharField(_("requirement"), max_length=20, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    stem = models.TextField(_("stem"), max_length=1000)
    options = models.JSONField(_("options"), default=list, blank=True)  # texts of A, B, …
    answer = models.CharField(_("answer"), max_length=1000)
    explanation = models.TextField(_("explanation"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    discrimination = models.FloatField(_("discrimination (a)"), null=True, blank=True)
    difficulty = models.FloatField(_("difficulty (b)"), null=True, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    source = models.CharField(_("source"), max_length=80, default="manual")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), max_length=2000, blank=True)
    revised_at = models.DateTimeField(  # statistics count only the responses given after it
        _("text or key last changed"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["level", "requirement", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["bank", "content_hash"], name="item_content_once"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=8), name="item_level_on_ladder"
            ),
            models.CheckConstraint(
                condition=~Q(status="calibrated")
                | Q(discrimination__isnull=False, difficulty__isnull=False),
                name="calibrated_item_has_parameters",
            ),
        ]

    def __str__(self) -> str:
        return self.stem[:60]

    @property
    def lettered_options(self) -> list[tuple[str, str]]:
        return list(zip("ABCDEF", self.options, strict=False))

    @property
    def source_label(self) -> str:
        """Where the item came from, in words; a generator's own name is shown as it is."""
        return str(ITEM_SOURCES.get(self.source, self.source))

    @property
    def answer_display(self) -> str:
        """The key as a reader says it: true or false in words, option letters as they are."""
        if self.kind == ItemKind.TRUE_FALSE:
            return str(TRUE_FALSE_WORDS.get(self.answer, self.answer))
        return self.answer


class ExamForm(models.Model):
    """A fixed exam paper: an ordered selection of usable items following the blueprint."""

    bank = models.ForeignKey(ItemBank, on_delete=models.PROTECT, related_name="forms")
    level = models.PositiveSmallIntegerField(_("level"))
    specialism = models.CharField(_("specialism"), max_length=40, blank=True)  # blank: none
    title = models.CharField(pgettext_lazy("exam form", "title"), max_length=120)
    points_per_item = models.PositiveSmallIntegerField(_("points per item"), default=1)
    seed = models.PositiveIntegerField(_("seed"))
    mean_difficulty = models.FloatField(_("mean difficulty"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    items: models.ManyToManyField[Item, ExamFormItem] = models.ManyToManyField(
        Item, through="ExamFormItem", related_name="forms"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("exam form")
        verbose_name_plural = _("exam forms")

    def __str__(self) -> str:
        return self.title


class ExamFormItem(models.Model):
    form = models.ForeignKey(ExamForm, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="form_position_once"),
            models.UniqueConstraint(fields=["form", "item"], name="form_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.position}"


# Exam sessions, attempts, practical scoring and level decisions (docs/assessment.md).


class SessionPhase(models.TextChoices):
    """Where a session stands, derived from its stored status and its times (never stored):
    an open session whose end has passed is no longer taking tests even before an assessor
    closes it."""

    SCHEDULED = "scheduled", pgettext_lazy("session phase", "Scheduled")
    OPEN = "open", pgettext_lazy("session phase", "Open")
    TIME_OVER = "time_over", pgettext_lazy("session phase", "Time over, to be closed")
    NOT_HELD = "not_held", pgettext_lazy("session phase", "Not held")
    CLOSED = "closed", pgettext_lazy("session phase", "Closed")


class ExamSession(models.Model):
    """One sitting of a level's exam, run by the assessment body that owns the bank.

    ``status`` records what assessors did (scheduled, opened, closed); ``phase`` adds what the
    clock says."""

    class Mode(models.TextChoices):
        FIXED = "fixed", _("Fixed exam form")
        ADAPTIVE = "adaptive", _("Adaptive (CAT)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("session status", "Scheduled")
        OPEN = "open", pgettext_lazy("session status", "Open")
        CLOSED = "closed", pgettext_lazy("session status", "Closed")

    body = models.ForeignKey(
        Organisation,
        verbose_name=_("assessment body"),
        on_delete=models.PROTECT,
        related_name="exam_sessions",
    )
    bank = models.ForeignKey(ItemBank, on_delete=models.PROTECT, related_name="sessions")
    level = models.PositiveSmallIntegerField(_("level"))
    specialism = models.CharField(_("specialism"), max_length=40, blank=True)  # blank: none
    title = models.CharField(pgettext_lazy("exam session", "title"), max_length=120)
    mode = models.CharField(pgettext_lazy("exam", "mode"), max_length=10, choices=Mode.choices)
    form = models.ForeignKey(
        ExamForm,
        verbose_name=_("exam form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("open for (minutes)"),
        help_text=_(
            "How long after the start candidates may sit the test: a sitting, or a window."
        ),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time per candidate (minutes)"),
        null=True,
        blank=True,
        help_text=_("Each candidate's time from their start; empty: until the session ends."),
    )
    max_items = models.PositiveSmallIntegerField(_("most items (adaptive)"), default=30)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("exam session")
        verbose_name_plural = _("exam sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=8), name="session_level_on_ladder"
            ),
            models.CheckConstraint(
                condition=Q(mode="adaptive") | Q(form__isnull=False), name="fixed_session_has_form"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def level_name(self) -> str:
        """The level named on the ladder of the bank's occupation, with the session's specialism
        (select the bank's standard's occupation with the session)."""
        return level_with_specialism(
            self.level, self.bank.standard.occupation.code, self.specialism
        )

    @property
    def attempt_minutes(self) -> int:
        """Each candidate's time: the time limit, or the whole session without one."""
        return self.time_limit_minutes or self.duration_minutes

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def phase_at(self, now: datetime) -> SessionPhase:
        if self.status == self.Status.CLOSED:
            return SessionPhase.CLOSED
        over = now >= self.ends_at
        if self.status == self.Status.OPEN:
            return SessionPhase.TIME_OVER if over else SessionPhase.OPEN
        return SessionPhase.NOT_HELD if over else SessionPhase.SCHEDULED

    @property
    def phase(self) -> SessionPhase:
        """The session's phase now."""
        return self.phase_at(timezone.now())


class Registration(models.Model):
    """A candidate entered for a session by one of the body's assessors."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="exam_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="register_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.person_id}"


class Attempt(models.Model):
    """A candidate's one go at the theory test; answers are saved as they are given."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="attempt"
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)  # str(item id) → answer
    current_item = models.ForeignKey(  # adaptive: the item shown and not yet answered
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stop_reason = models.CharField(_("stop reason"), max_length=20, blank=True)
    theta = models.FloatField(_("ability (θ)"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    score = models.FloatField(_("theory score"), null=True, blank=True)
    passed = models.BooleanField(_("theory passed"), null=True, blank=True)

    class Meta:
        ordering = ["registration"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"attempt {self.registration_id}"

    @property
    def stop_reason_label(self) -> str:
        """Why the test ended, in the reader's language (the stored code is internal)."""
        return str(STOP_REASONS.get(self.stop_reason, self.stop_reason))


# Why a test ended: the CAT's reasons (zhijiang_engine.irt.StopReason) and the session's.
STOP_REASONS = {
    "se_target": _("the standard error reached its target"),
    "max_items": _("the most items were given"),
    "bank_exhausted": _("no suitable item was left"),
    "submitted": _("handed in"),
    "time_up": _("time ran out"),
    "closed": _("the session was closed"),
}


class AdministeredItem(models.Model):
    """An item an adaptive test showed, in order, with the answer and θ, SE after it. The rows
    across attempts are the exposure counts of the CAT."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="administered")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="administrations")
    position = models.PositiveSmallIntegerField()
    answer = models.CharField(max_length=1000, blank=True)
    correct = models.BooleanField(null=True)
    theta = models.FloatField(null=True)
    se = models.FloatField(null=True)
    shown_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="administered_position"),
            models.UniqueConstraint(fields=["attempt", "item"], name="administered_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"


class PracticalTask(models.Model):
    """The practical (实操) task of a session: a training project of the standard and its
    rubric, copied so that later changes of the standard do not move the marks."""

    session = models.OneToOneField(
        ExamSession, on_delete=models.CASCADE, related_name="practical_task"
    )
    project_key = models.CharField(_("project"), max_length=10)
    title = models.CharField(pgettext_lazy("practical task", "title"), max_length=200)
    brief = models.TextField(_("brief"), blank=True)
    deliverables = models.JSONField(_("deliverables"), default=list, blank=True)
    rubric = models.JSONField(_("rubric"))  # [{"requirement", "text", "points"}], points sum 100
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("practical task")
        verbose_name_plural = _("practical tasks")

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """A file a candidate (or an assessor for them) hands in for the practical task."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="assessment/evidence/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["registration", "uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class PracticalScore(models.Model):
    """One assessor's independent marks of a candidate's practical task."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="practical_scores"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    criteria = models.JSONField(_("criterion scores"))  # requirement id → points
    total = models.FloatField(_("total"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["registration", "created_at", "id"]
        verbose_name = _("practical score")
        verbose_name_plural = _("practical scores")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "assessor"], name="score_once_per_assessor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}:{self.assessor_id}"


class LevelDecision(models.Model):
    """Whether a candidate reached the session's level: both parts at 60 of 100 or more."""

    class Review(models.TextChoices):
        NOT_NEEDED = "not_needed", _("No review needed")
        PENDING = "pending", _("Waiting for the bureau's review")
        APPROVED = "approved", _("Approved by the bureau")
        RETURNED = "returned", _("Returned by the bureau")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="decision"
    )
    theory_score = models.FloatField(_("theory score"))
    practical_score = models.FloatField(_("practical score"))
    passed = models.BooleanField(_("passed"))
    level = models.PositiveSmallIntegerField(_("level"))
    specialism = models.CharField(_("specialism"), max_length=40, blank=True)  # the session's
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    needs_review = models.BooleanField(_("needs the bureau's review"), default=False)
    review = models.CharField(
        _("review"), max_length=12, choices=Review.choices, default=Review.NOT_NEEDED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), max_length=2000, blank=True)
    final_at = models.DateTimeField(_("final"), null=True, blank=True)
    certificate = models.OneToOneField(
        "credentials.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="level_decision",
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("level decision")
        verbose_name_plural = _("level decisions")

    def __str__(self) -> str:
        return f"{self.registration_id}:{self.level}"

    @property
    def is_final(self) -> bool:
        return self.final_at is not None


from zhijiang.assessment.statistics_models import ItemStatistics as ItemStatistics  # noqa: E402
