from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "zhijiang.assessment"
    label = "assessment"
    verbose_name = _("Skill evaluation")

    def ready(self) -> None:
        from zhijiang.assessment import personal_data

        personal_data.register()  # registrations and results in the person's data download
