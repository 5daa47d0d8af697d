from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "scrutiny.notifications"
    label = "notifications"
    verbose_name = "Email alerts and notices"

    def ready(self) -> None:
        from scrutiny.notifications import hooks

        hooks.register()
