from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "scrutiny.interests"
    label = "interests"
    verbose_name = "Registers of interests"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.interests import hooks

        hooks.register()
