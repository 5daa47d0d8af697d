from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "scrutiny.operations"
    label = "operations"
    verbose_name = "Backups and restores"
