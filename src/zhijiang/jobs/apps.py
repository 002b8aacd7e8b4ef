from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "zhijiang.jobs"
    label = "jobs"
    verbose_name = _("Jobs and employment")

    def ready(self) -> None:
        from zhijiang.jobs import personal_data
        from zhijiang.jobs.selectors import skill_demand
        from zhijiang.training.demand import register_source

        # Courses adapt to what open positions ask for; training must not import jobs.
        register_source(skill_demand)
        personal_data.register()  # profile, jobs held and applications in the person's download
