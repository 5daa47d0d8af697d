from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "scrutiny.members"
    label = "members"
    verbose_name = "Members' side"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.members import hooks

        hooks.register()
