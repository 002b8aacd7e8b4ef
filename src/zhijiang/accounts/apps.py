from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zhijiang.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        # The person's data download: the account's sections, and common's rows about them.
        from zhijiang.accounts import personal_sections

        personal_sections.register()
