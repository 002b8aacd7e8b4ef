from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OccupationsConfig(AppConfig):
    name = "zhijiang.occupations"
    label = "occupations"
    verbose_name = _("Occupations and standards")

    def ready(self) -> None:
        from zhijiang.common.notifications import register_param_display
        from zhijiang.occupations import personal_data
        from zhijiang.occupations.selectors import skill_lists_display

        # Match notifications keep the skill keys; each reader sees labels in their language.
        register_param_display("matched", skill_lists_display)
        personal_data.register()  # the person's skills in their data download
