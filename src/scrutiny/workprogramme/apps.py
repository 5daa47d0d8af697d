from django.apps import AppConfig


class WorkprogrammeConfig(AppConfig):
    name = "scrutiny.workprogramme"
    label = "workprogramme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.workprogramme import hooks

        hooks.register()
