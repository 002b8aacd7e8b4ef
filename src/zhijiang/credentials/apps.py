from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "zhijiang.credentials"
    label = "credentials"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from zhijiang.credentials import personal_data

        personal_data.register()  # certificates in the person's data download
