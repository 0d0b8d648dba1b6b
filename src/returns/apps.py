from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "returns"
    verbose_name = "Statutory returns, inspection data and data quality"

    def ready(self) -> None:
        from django_q.signals import post_spawn

        from .tasks import warm_up_worker

        # Not a business rule: loads the validators in each worker process as it starts.
        post_spawn.connect(warm_up_worker, dispatch_uid="returns.warm_up_worker")
