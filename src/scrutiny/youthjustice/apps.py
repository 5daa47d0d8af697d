from django.apps import AppConfig


class YouthJusticeConfig(AppConfig):
    name = "scrutiny.youthjustice"
    label = "youthjustice"
    verbose_name = "Youth justice evidence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.youthjustice import hooks

        hooks.register()
