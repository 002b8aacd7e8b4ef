from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "zhijiang.jobs"
    label = "jobs"
    verbose_name = _("Jobs and employment")

    def ready(self) -> None:
        # Courses adapt to what open positions ask for; training must not import jobs.
        from zhijiang.jobs.selectors import skill_demand
        from zhijiang.training.demand import register_source

        register_source(skill_demand)
