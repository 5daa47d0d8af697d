from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "scrutiny.minutes"
    label = "minutes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.minutes import hooks

        hooks.register()
