from django.apps import AppConfig


class CasedataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "scrutiny.casedata"
    label = "casedata"
    verbose_name = "Case data and indicator engine"

    def ready(self) -> None:
        from scrutiny.casedata import hooks

        hooks.register()
