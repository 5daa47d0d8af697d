from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "scrutiny.committees"
    label = "committees"
    verbose_name = "Panels, people and meetings"

    def ready(self) -> None:
        from scrutiny.committees import hooks

        hooks.register()
