from django.apps import AppConfig


class EducationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "scrutiny.education"
    label = "education"
    verbose_name = "Education evidence"

    def ready(self) -> None:
        from scrutiny.education import hooks

        hooks.register()
