from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "scrutiny.recommendations"
    label = "recommendations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.recommendations import hooks

        hooks.register()
