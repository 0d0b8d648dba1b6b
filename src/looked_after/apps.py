from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "looked_after"
    verbose_name = "Children in care"
