from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "scrutiny.interests"
    label = "interests"
    default_auto_field = "django.db.models.BigAutoField"
