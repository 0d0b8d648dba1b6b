from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "cin"
    verbose_name = "Children in need"
