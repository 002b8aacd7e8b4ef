from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "zhijiang.careers"
    label = "careers"
    verbose_name = _("Career planning")

    def ready(self) -> None:
        from zhijiang.careers import personal_data

        personal_data.register()  # pushed positions in the person's data download
