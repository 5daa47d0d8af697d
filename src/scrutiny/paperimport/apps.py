from django.apps import AppConfig


class PaperImportConfig(AppConfig):
    name = "scrutiny.paperimport"
    label = "paperimport"
    verbose_name = "Imported papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.paperimport import hooks

        hooks.register()
