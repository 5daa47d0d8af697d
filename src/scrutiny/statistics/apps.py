from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "scrutiny.statistics"
    label = "statistics"
    verbose_name = "Published statistics"
