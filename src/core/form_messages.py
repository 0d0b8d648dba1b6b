"""Every form's error messages say what to do, in the GOV.UK style, from one place.

A field left with Django's own wording ("This field is required.", "Ensure this value has at
most 200 characters", "Select a valid choice…") gets a message made from its label when its
form is checked:

    Enter the reason                              (a text answer left empty)
    Select the decision                           (a choice left out)
    Reason must be 200 characters or fewer        (too long)
    Number of children must be a whole number     (not a number)

A message a form gives itself is kept: a label that makes a poor message ("What did the
child say?") says what to do in its own words. `tests/test_form_messages.py` walks every form
and fails on any of Django's wording left.
"""

import re
from typing import Any

from django import forms
from django.core import validators

# Labels are questions and headings; a message wants the thing asked for.
# "Reason (optional)", "Referral (CIN episode)", "Who attended – one a line: name, agency".
_ASIDE = re.compile(r"\s*(\([^)]*\)|\s–\s.*)\s*$")
# A label that is only a question word ("Why", "Where (optional)") names no answer by itself.
_QUESTION_WORDS = frozenset(["what", "which", "who", "why", "how", "when", "where"])


def subject(label: Any) -> str:
    """The label as the thing a message asks for: without an aside ("(optional)", "– one a
    line") or a closing "?", ":" or "." (``"Reason (optional)"`` → ``"Reason"``)."""
    text = str(label or "").strip()
    while (shorter := _ASIDE.sub("", text)) != text:
        text = shorter
    return text.rstrip("?:.").strip() or "An answer"


def _named(label: Any) -> str:
    """How a message names the answer it is about: the label, or for a question ("Why are
    you resetting it?") the answer to it."""
    name = subject(label)
    if str(label or "").strip().endswith("?") or name.lower() in _QUESTION_WORDS:
        return f"The answer to ‘{name}’"
    return name


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an initialism (ICPC, IRO,
    NHS number) or a name a letter would not start lower ("I have checked")."""
    first = text.split(" ", 1)[0]
    if not text or first.isupper() or first == "I" or any(c.isupper() for c in first[1:]):
        return text
    return f"{text[0].lower()}{text[1:]}"


_NO_ARTICLE = {"the", "a", "an", "any", "your", "their", "each", "every", "all", "some", "one", "who"}
_NO_ARTICLE |= {"what", "which", "when", "where", "why", "how", "whether", "if", "is", "are", "was", "did"}
_NO_ARTICLE |= {"does", "do", "has", "have", "can", "should", "will", "i", "number"}


def the(thing: str) -> str:
    """ "the reason", but "their address", "any other names" and "ICPC date" as they are."""
    first = thing.split(" ", 1)[0]
    if first.lower() in _NO_ARTICLE:
        return thing
    return f"the {thing}"


def _date_thing(thing: str) -> str:
    """A date asked for: "the date of birth", "the end date", "the date the plan ended",
    "the date care plan completed"."""
    if "date" in thing.lower().split() or thing.lower().startswith(("any ", "the ")):
        return the(thing)
    return f"the date {thing.removesuffix(' on')}"


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.NullBooleanField)


def _derived(field: forms.Field) -> dict[str, str]:
    """The messages a field of this kind may show, made from its label."""
    name = _named(field.label)
    thing = the(lower_first(subject(field.label)))
    if getattr(field, "asks_for_a_date", False):  # core.forms.GovDateField: its own checks word the rest
        called = getattr(field, "name", "")
        asked = lower_first(called) if called else _date_thing(lower_first(subject(field.label)))
        return {
            "required": f"Enter {asked}",
            "invalid": f"{called or subject(field.label)} must be a real date",
        }
    if isinstance(field, forms.FileField):
        return {
            "required": f"Select {thing}",
            "missing": f"Select {thing}",
            "invalid": f"Select {thing}: the selected file could not be read",
            "empty": "The selected file is empty",
            "max_length": "The selected file's name must be %(max)d characters or fewer",
            "contradiction": "Either choose a file or tick the box to remove the file, not both",
        }
    if isinstance(field, forms.BooleanField):
        return {"required": f"Select the box to confirm: {thing}"}
    if _is_choice(field):
        return {
            "required": f"Select {thing}",
            "invalid_choice": f"Select {thing} again: the answer given is not one of the options",
            "invalid_list": f"Select {thing} again: the answer given is not one of the options",
            "invalid_pk_value": f"Select {thing} again: the answer given is not one of the options",
        }
    messages = {
        "required": f"Enter {thing}",
        "max_length": f"{name} must be %(limit_value)d characters or fewer",
        "min_length": f"{name} must be %(limit_value)d characters or more",
        "min_value": f"{name} must be %(limit_value)s or more",
        "max_value": f"{name} must be %(limit_value)s or less",
        "step_size": f"{name} must be a multiple of %(limit_value)s",
        "max_digits": f"{name} must be %(max)s digits or fewer",
        "max_decimal_places": f"{name} must have %(max)s decimal places or fewer",
        "max_whole_digits": f"{name} must have %(max)s digits or fewer before the decimal point",
        "incomplete": f"Enter {thing} in full",
        "null_characters_not_allowed": f"Remove the hidden (null) characters from {thing}",
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{name} must be a whole number, like 3"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{name} must be a number, like 2.5"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = "Enter a web address in the correct format, like https://www.example.com"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{name} must be a real date and time"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{name} must be a real date"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{name} must be a real time, like 9:30 or 14:15"
    else:
        messages["invalid"] = f"Enter {thing} in the correct format"
    return messages


def django_defaults() -> set[str]:
    """Every message Django's form fields and validators give when a form says nothing."""
    found: set[str] = set()
    for cls in _subclasses(forms.Field):
        for klass in cls.__mro__:
            found.update(str(m) for m in getattr(klass, "default_error_messages", {}).values())
    for name in dir(validators):
        obj = getattr(validators, name)
        if not isinstance(obj, type):
            continue
        if message := getattr(obj, "message", None):
            found.add(str(message))
        if isinstance(messages := getattr(obj, "messages", None), dict):
            found.update(str(m) for m in messages.values())
    return found


def _subclasses(cls: type) -> list[type]:
    out: list[type] = [cls]
    sub: type
    for sub in cls.__subclasses__():
        out.extend(_subclasses(sub))
    return out


def _class_defaults(field: forms.Field) -> dict[str, str]:
    defaults: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    return defaults


def give_gov_messages(field: forms.Field) -> None:
    """Put GOV.UK messages in place of Django's on one field; the field's own are kept.
    A validator's message shows through `error_messages` under its code (Django's
    `Field.run_validators`), so "max_length" covers the length check too."""
    defaults = _class_defaults(field)
    for code, message in _derived(field).items():
        current = field.error_messages.get(code)
        if current is None or str(current) == str(defaults.get(code, "")):
            field.error_messages[code] = message


class GovErrors:
    """A form whose fields' messages are GOV.UK ones (mixed into every Harbour form). The
    messages are set when the form is checked, so a field a form adds in `__init__` has
    them too."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            give_gov_messages(field)
        super().full_clean()  # type: ignore[misc]
