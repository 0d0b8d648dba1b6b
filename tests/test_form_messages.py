"""Every form in Harbour says what to do when an answer is wrong, in the GOV.UK style.

Walks every form class in `src` (each app's forms and every form a view module declares),
made as its pages make it (with each variant a form has, such as each step of an adoption),
and fails on any message in Django's own wording ("This field is required.", "Ensure this
value has at most 200 characters…", "Select a valid choice…", "Enter a valid date."): both
the messages its fields would give and the ones it gives when sent empty.
"""

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.apps import apps

from core.form_messages import django_defaults, give_gov_messages, lower_first, subject

SRC = Path(__file__).resolve().parents[1] / "src"
LOCAL_APPS = {a.name for a in apps.get_app_configs() if (SRC / a.name).is_dir()}


class _Questions:
    def __init__(self, texts: list[str]) -> None:
        self._items = [SimpleNamespace(pk=i + 1, text=t) for i, t in enumerate(texts)]

    def all(self) -> list[Any]:
        return self._items


class _Sections:
    def prefetch_related(self, *names: str) -> list[Any]:
        return [SimpleNamespace(title="Planning", questions=_Questions(["Is the plan SMART?"]))]


def _users() -> Any:
    from accounts.models import User

    return User.objects.none()


# What a form's page passes it, by the name of the keyword; each value a list of variants.
KEYWORDS: dict[str, Any] = {
    "referrals": lambda: [[]],
    "options": lambda: [[("a", "A")]],
    "iros": lambda: [_users()],
    "user_choices": lambda: [[("1", "A worker")]],
    "choices": lambda: [[("a", "A")]],
    "actions": lambda: [[]],
    "owners": lambda: [_users()],
    "workers": lambda: [_users()],
    "directions": lambda: [[], [("review_1", "A Child (given 1 May 2026)", "Attendance above 90%")]],
    "tool": lambda: [SimpleNamespace(sections=_Sections())],
    "event": None,  # by form, below
    "review": lambda: [False, True],
    "transfer": lambda: [False, True],
    "team": lambda: [None],  # the allocate page passes the manager's team, or none
}
EVENTS: dict[str, list[str]] = {
    "permanence.forms.AdoptionStepForm": ["authorise", "match", "place", "adopt", "reverse"],
}


def _form_classes() -> list[type[forms.BaseForm]]:
    importlib.import_module("config.urls")  # every view module, and the forms they declare
    for app in sorted(LOCAL_APPS):
        if (SRC / app / "forms.py").exists():
            importlib.import_module(f"{app}.forms")
    found: dict[str, type[forms.BaseForm]] = {}
    stack: list[type] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in LOCAL_APPS and ".tests" not in cls.__module__:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def _keywords(cls: type) -> list[str]:
    import inspect

    names: list[str] = []
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass.__module__.startswith("django"):
            continue
        for p in inspect.signature(init).parameters.values():
            if p.kind is p.KEYWORD_ONLY and p.name not in names:
                names.append(p.name)
    return names


def _variants(cls: type) -> Iterator[dict[str, Any]]:
    combos: list[dict[str, Any]] = [{}]
    for name in _keywords(cls):
        key = f"{cls.__module__}.{cls.__qualname__}"
        if name == "event":
            values = EVENTS.get(key) or _events_from_source(cls)
        else:
            assert name in KEYWORDS, f"{key} takes `{name}`: say in KEYWORDS what its page passes"
            values = KEYWORDS[name]()
        combos = [{**c, name: v} for c in combos for v in values]
    yield from combos


def _events_from_source(cls: type) -> list[str]:
    """A form whose fields change with the `event` (step) it is for: the events it names."""
    import inspect
    import re

    return sorted(set(re.findall(r'event == "(\w+)"', inspect.getsource(cls)))) + ["other"]


def _make(cls: type[forms.BaseForm], kwargs: dict[str, Any]) -> forms.BaseForm:
    from django.contrib.auth.forms import AuthenticationForm

    if issubclass(cls, AuthenticationForm):
        return cls(None, data={}, **kwargs)
    return cls(data={}, **kwargs)


DEFAULTS = django_defaults()
FORMS = _form_classes()


def _wording(form: forms.BaseForm) -> list[str]:
    """Each message of Django's the form would show, as "field (code): message"."""
    form.errors  # noqa: B018  # checking the form gives every field its messages
    found = []
    for name, field in form.fields.items():
        for code, message in field.error_messages.items():
            if str(message) in DEFAULTS:
                found.append(f"{name} ({code}): {message}")
        for validator in field.validators:
            own = dict(getattr(validator, "messages", {}))
            if getattr(validator, "code", None):
                own[validator.code] = getattr(validator, "message", "")
            for code, message in own.items():
                if code not in field.error_messages and str(message) in DEFAULTS:
                    found.append(f"{name} (validator {code}): {message}")
    for name, errors in form.errors.items():
        found.extend(f"{name} (sent empty): {e}" for e in errors if str(e) in DEFAULTS)
    return found


def test_the_walk_finds_every_apps_forms():
    modules = {cls.__module__.split(".")[0] for cls in FORMS}
    with_forms = {app for app in LOCAL_APPS if (SRC / app / "forms.py").exists()}
    assert with_forms <= modules
    assert len(FORMS) >= 120


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_no_form_shows_djangos_own_wording(cls):
    problems = []
    for kwargs in _variants(cls):
        try:
            form = _make(cls, kwargs)
        except KeyError:  # an event this form is never made for
            continue
        problems.extend(f"{kwargs or ''} {p}" for p in _wording(form))
    assert not problems, "\n".join(problems)


def test_messages_are_made_from_the_label():
    reason = forms.CharField(label="Reason (optional)", max_length=200)
    decision = forms.ChoiceField(label="Decision", choices=[("a", "A")])
    count = forms.IntegerField(label="Number of visits", min_value=0)
    for field in (reason, decision, count):
        give_gov_messages(field)

    assert reason.error_messages["required"] == "Enter the reason"
    assert (
        reason.error_messages["max_length"] % {"limit_value": 200} == "Reason must be 200 characters or fewer"
    )
    assert decision.error_messages["required"] == "Select the decision"
    assert count.error_messages["invalid"] == "Number of visits must be a whole number, like 3"
    assert count.error_messages["min_value"] % {"limit_value": 0} == "Number of visits must be 0 or more"


def test_a_forms_own_message_is_kept_and_a_too_long_answer_is_told_its_limit():
    class Form(forms.Form):
        pass

    from core.forms import GovForm

    class Reason(GovForm):
        reason = forms.CharField(label="Reason", max_length=5, error_messages={"required": "Say why"})

    assert Reason(data={}).errors["reason"] == ["Say why"]
    assert Reason(data={"reason": "far too long"}).errors["reason"] == [
        "Reason must be 5 characters or fewer"
    ]


def test_labels_become_the_thing_asked_for():
    assert subject("Date of birth (optional)") == "Date of birth"
    assert subject("Was the child seen?") == "Was the child seen"
    assert lower_first("ICPC date") == "ICPC date"
    assert lower_first("NHS number") == "NHS number"
    assert lower_first("Outcome") == "outcome"
