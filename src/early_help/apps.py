from django.apps import AppConfig


class EarlyHelpConfig(AppConfig):
    name = "early_help"
    verbose_name = "Early help"
