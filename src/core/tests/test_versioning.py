"""The reusable version check: a conflicting change is detected and both versions shown."""

import pytest
from django import forms
from django.db import transaction

from core.versioning import StaleEdit, VersionedForm, conflict_form, conflict_rows, lock_for_edit
from people.models import Person


class NameForm(VersionedForm):
    given_name = forms.CharField(label="First name")


@pytest.mark.django_db
def test_stale_edit_is_detected_when_record_changed_since_form_opened(child):
    opened_at = child.version
    Person.objects.filter(pk=child.pk).update(given_name="Amy", version=opened_at + 1)

    with pytest.raises(StaleEdit) as caught, transaction.atomic():
        lock_for_edit(child, opened_at)

    assert caught.value.current.given_name == "Amy"


@pytest.mark.django_db
def test_lock_returns_current_row_when_version_matches(child):
    with transaction.atomic():
        assert lock_for_edit(child, child.version).pk == child.pk


@pytest.mark.django_db
def test_conflict_shows_both_versions_and_keeps_typed_text_when_stale(child):
    Person.objects.filter(pk=child.pk).update(given_name="Amy", version=child.version + 1)
    current = Person.objects.get(pk=child.pk)
    form = NameForm({"given_name": "Amelie", "version": str(child.version)})
    form.is_valid()

    fresh = conflict_form(form, current)
    rows = conflict_rows(current, fresh, ["given_name"])

    assert fresh.data["given_name"] == "Amelie" and fresh.data["version"] == str(current.version)
    assert "Someone else changed this record" in fresh.non_field_errors()[0]
    assert rows == [{"field": "given_name", "label": "First name", "saved": "Amy", "yours": "Amelie"}]
