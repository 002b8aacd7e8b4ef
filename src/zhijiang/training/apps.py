from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "zhijiang.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from zhijiang.training import personal_data

        personal_data.register()  # enrolments and learning records in the person's download
