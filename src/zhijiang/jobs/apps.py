from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "zhijiang.jobs"
    label = "jobs"
    verbose_name = _("Jobs and employment")

    def ready(self) -> None:
        from zhijiang.common.notifications import register_param_display
        from zhijiang.jobs import personal_data
        from zhijiang.jobs.held import certificate_levels_display
        from zhijiang.jobs.selectors import skill_demand
        from zhijiang.training.demand import register_source

        # Courses adapt to what open positions ask for; training must not import jobs.
        register_source(skill_demand)
        # A checked certificate's notification names its level in the reader's language.
        register_param_display("certificate_level", certificate_levels_display)
        personal_data.register()  # profile, jobs held and applications in the person's download
