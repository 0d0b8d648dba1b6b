"""A web process compiles its templates and loads its page modules as it starts."""

import importlib

from django.template import engines

from config import warmup


def test_warm_up_compiles_every_template_so_no_request_waits_for_it():
    env = engines["jinja2"].env
    env.cache.clear()
    compiled = warmup.warm_up()
    names = [n for n in env.list_templates() if n.endswith((".jinja", ".html"))]
    assert compiled == len(names) > 100
    cached = {key[1] for key in env.cache}  # (loader's weak reference, name)
    assert {"people/detail.jinja", "workforce/my_work.jinja", "people/search.jinja"} <= cached
    assert len(cached) >= len(names)  # the cache holds every template: none is evicted and rebuilt


def test_the_web_application_warms_up_as_it_loads(monkeypatch):
    import config.wsgi

    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(1) or 0)
    importlib.reload(config.wsgi)
    assert calls == [1]
