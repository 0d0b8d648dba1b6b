"""Django app configuration for statutory timescales."""

from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    """Statutory timescales: working-day calendar, rules and due dates (no models)."""

    name = "timescales"
    verbose_name = "Statutory timescales"
