from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "scrutiny.workspace"
    verbose_name = "Officers' home"
