from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "scrutiny.documents"
    label = "documents"
    verbose_name = "Reports and appendices"

    def ready(self) -> None:
        from scrutiny.documents import hooks

        hooks.register()
