from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "scrutiny.core"
    label = "core"
    verbose_name = "Council settings and audit"

    def ready(self) -> None:
        from scrutiny.core import hooks, pagecache, search_index

        hooks.register()
        search_index.connect(self)
        pagecache.connect()
