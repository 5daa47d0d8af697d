from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "scrutiny.reviews"
    label = "reviews"
    verbose_name = "Safeguarding case reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scrutiny.reviews import hooks

        hooks.register()
