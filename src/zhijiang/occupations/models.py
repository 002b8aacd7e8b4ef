"""The occupation taxonomy, international links, the skills vocabulary, occupational standards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Occupation(models.Model):
    """A node of CSCO-2022: 大类 (1), 中类 (2), 小类 (3) or 职业 (4)."""

    class Level(models.IntegerChoices):
        MAJOR = 1, _("Major group")
        MIDDLE = 2, _("Middle group")
        MINOR = 3, _("Minor group")
        OCCUPATION = 4, _("Occupation")

    code = models.CharField(_("code"), max_length=10, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=120)
    definition = models.TextField(_("definition"), blank=True)
    tasks = models.JSONField(_("main tasks"), default=list, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    is_digital = models.BooleanField(_("digital occupation"), default=False, db_index=True)
    is_green = models.BooleanField(_("green occupation"), default=False, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def esco_link(self) -> InternationalLink | None:
        return next((link for link in self.links.all() if link.scheme == "esco"), None)

    @property
    def label(self) -> str:
        """The name in the active language: the ESCO label in English where one is linked."""
        if (translation.get_language() or "").startswith("en"):
            link = self.esco_link
            if link is not None:
                return link.label
        return self.name


class InternationalLink(models.Model):
    """A link from a CSCO occupation to an ISCO-08 group or an ESCO occupation."""

    class Scheme(models.TextChoices):
        ISCO08 = "isco08", "ISCO-08"
        ESCO = "esco", "ESCO"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="links")
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    uri = models.URLField(_("URI"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=60)
    confidence = models.FloatField(_("confidence"))

    class Meta:
        ordering = ["scheme", "-confidence"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "scheme"], name="one_link_per_scheme")
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → {self.scheme} {self.code}"


class Skill(models.Model):
    """One skill of the vocabulary, merged across its sources by a normalised key."""

    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical skill")
        KNOWLEDGE = "knowledge", _("Knowledge")
        TRANSVERSAL = "transversal", _("Transversal skill")

    key = models.CharField(max_length=200, unique=True)
    label_zh = models.CharField(_("Chinese label"), max_length=200, blank=True)
    label_en = models.CharField(_("English label"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    is_hot = models.BooleanField(_("hot technology"), default=False)
    is_in_demand = models.BooleanField(_("in demand"), default=False)
    sources = models.JSONField(_("sources"), default=list)
    esco_uri = models.CharField(max_length=200, blank=True)
    onet_commodity = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The label in the active language (Chinese unless English is active), else the
        other one: most O*NET and ESCO skills have no Chinese label yet."""
        return self.label_for(translation.get_language() or "")

    def label_for(self, language: str) -> str:
        if language.startswith("en"):
            return self.label_en or self.label_zh or self.key
        return self.label_zh or self.label_en or self.key


class PersonSkill(models.Model):
    """A skill a person has, and where the platform learned it."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-declared")
        CV = "cv", _("From my CV")
        CERTIFICATE = "certificate", _("Verified by a certificate")
        ASSESSMENT = "assessment", _("Verified by an assessment")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_skills"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="people")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["skill__key"]
        constraints = [
            models.UniqueConstraint(fields=["user", "skill", "source"], name="person_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.skill}"


class Standard(models.Model):
    """One version of an occupation's occupational standard (职业标准)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("standard status", "Draft")
        IN_REVIEW = "in_review", pgettext_lazy("standard status", "In review")
        APPROVED = "approved", pgettext_lazy("standard status", "Approved")
        RETIRED = "retired", pgettext_lazy("standard status", "Retired")

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="standards")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    definition = models.TextField(_("definition"), blank=True)
    overview = models.JSONField(_("overview"), default=dict, blank=True)
    ethics = models.JSONField(_("professional ethics"), default=list)
    basic_knowledge = models.JSONField(_("basic knowledge"), default=list)
    # 专业方向 of a professional standard, in order; an expert adds them (never the drafter).
    specialisms = models.JSONField(_("specialisms"), default=list, blank=True)
    source = models.CharField(_("drafted by"), max_length=80, default="offline")
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent to review"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["occupation__code", "-version"]
        verbose_name = _("occupational standard")
        verbose_name_plural = _("occupational standards")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "version"], name="standard_version"),
            models.UniqueConstraint(
                fields=["occupation"],
                condition=Q(status="approved"),
                name="one_approved_standard_per_occupation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation.name} v{self.version}"

    @property
    def source_label(self) -> str:
        """How this version came about, for people."""
        if self.source.startswith("llm:"):
            return str(_("drafted by the language model %(model)s") % {"model": self.source[4:]})
        labels = {
            "offline": _("drafted offline from the occupation's tasks"),
            "import": _("imported from a file"),
            "edit": _("copied from an earlier version"),
        }
        return str(labels.get(self.source, self.source))


class StandardLevel(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("level"))
    basic_weight = models.PositiveSmallIntegerField(_("basic requirements weight"))

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "rank"], name="standard_level_once"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=8), name="rank_on_ladder"),
        ]

    def __str__(self) -> str:
        return f"{self.standard} L{self.rank}"


class WorkFunction(models.Model):
    level = models.ForeignKey(StandardLevel, on_delete=models.CASCADE, related_name="functions")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("work function"), max_length=500)
    theory_weight = models.PositiveSmallIntegerField(_("theory weight"))
    skill_weight = models.PositiveSmallIntegerField(_("skill weight"))
    specialism = models.CharField(
        _("specialism"), max_length=40, blank=True, help_text=_("Empty: common to all")
    )

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class WorkContent(models.Model):
    function = models.ForeignKey(WorkFunction, on_delete=models.CASCADE, related_name="contents")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("work content"), max_length=500)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Requirement(models.Model):
    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill requirement")
        KNOWLEDGE = "knowledge", _("Knowledge requirement")

    content = models.ForeignKey(WorkContent, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("requirement"), max_length=500)
    skills = models.ManyToManyField(Skill, blank=True, related_name="requirements")

    class Meta:
        ordering = ["kind", "position"]

    def __str__(self) -> str:
        return self.text


class ReviewComment(models.Model):
    """A reviewer's or author's remark on a standard version, kept with it."""

    class Action(models.TextChoices):
        COMMENT = "", _("Comment")
        SUBMIT = "submit", _("Sent to review")
        RETURN = "return", _("Returned to the author")
        APPROVE = "approve", pgettext_lazy("standard status", "Approved")
        RETIRE = "retire", pgettext_lazy("standard status", "Retired")

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=2000, blank=True)
    action = models.CharField(max_length=20, blank=True, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.standard} · {self.author}"
