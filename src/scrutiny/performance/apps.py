from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "scrutiny.performance"
    label = "performance"
    verbose_name = "Performance report"

    def ready(self) -> None:
        from scrutiny.performance import hooks

        hooks.register()
