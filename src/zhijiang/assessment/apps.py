from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "zhijiang.assessment"
    label = "assessment"
    verbose_name = _("Skill evaluation")

    def ready(self) -> None:
        from zhijiang.assessment import personal_data
        from zhijiang.assessment.selectors import review_questions_of
        from zhijiang.training.materials_context import register_review_question_source

        personal_data.register()  # registrations and results in the person's data download
        # Reviewed items as the review questions of textbooks (training may not import us).
        register_review_question_source("assessment.reviewed_items", review_questions_of)
