from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "scrutiny.public"
    label = "public"
    verbose_name = "Public website"
