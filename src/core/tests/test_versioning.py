"""The one version check: a conflicting change is detected and both versions shown."""

from datetime import date

import pytest
from django import forms
from django.db import transaction

from core.forms import form_status, submitted
from core.versioning import StaleEdit, claim_edit, show_conflict, versioned
from people.models import Person


class NameForm(forms.Form):
    given_name = forms.CharField(label="First name")
    date_of_birth = forms.DateField(label="Date of birth", required=False)


class _Post:
    method = "POST"


@pytest.mark.django_db
def test_claim_edit_refuses_when_record_changed_since_form_opened(child):
    opened_at = child.version
    Person.objects.filter(pk=child.pk).update(given_name="Amy", version=opened_at + 1)

    with pytest.raises(StaleEdit) as caught, transaction.atomic():
        claim_edit(child, opened_at)

    assert caught.value.current.given_name == "Amy"


@pytest.mark.django_db
def test_claim_edit_counts_the_change_when_version_matches_or_not_from_a_form(child):
    opened_at = child.version
    with transaction.atomic():
        claim_edit(child, opened_at)
    assert child.version == opened_at + 1  # saved with the change by the caller
    Person.objects.filter(pk=child.pk).update(version=7)
    with transaction.atomic():
        claim_edit(child, None)
    assert child.version == 8


@pytest.mark.django_db
def test_versioned_form_requires_the_version_it_was_opened_at(child):
    form = versioned(NameForm({"given_name": "Amelie"}), child)
    assert not form.is_valid()
    assert form.errors["version"] == ["This form is out of date. Go back to the record and open it again."]
    assert versioned(NameForm(), child).fields["version"].initial == child.version
    assert versioned(NameForm(), None).fields["version"].initial == 0  # no record yet


@pytest.mark.django_db
def test_conflict_shows_both_versions_and_keeps_typed_text_when_stale(child):
    Person.objects.filter(pk=child.pk).update(given_name="Amy", version=child.version + 1)
    current = Person.objects.get(pk=child.pk)
    form = versioned(NameForm({"given_name": "Amelie", "version": str(child.version)}), child)
    assert form.is_valid()

    show_conflict(form, current)

    assert form.data["given_name"] == "Amelie" and form.data["version"] == str(current.version)
    assert "Someone else changed this record" in form.non_field_errors()[0]
    assert form.conflict_rows == [  # type: ignore[attr-defined]
        {"field": "given_name", "label": "First name", "saved": "Amy", "yours": "Amelie"},
        {"field": "date_of_birth", "label": "Date of birth", "saved": "27 March 2015", "yours": "Not given"},
    ]
    assert form_status(form) == 409


@pytest.mark.django_db
def test_submitted_turns_a_stale_edit_into_the_conflict(child):
    form = versioned(NameForm({"given_name": "Amelie", "date_of_birth": "2015-03-27", "version": "1"}), child)

    def stale(data):  # type: ignore[no-untyped-def]
        raise StaleEdit(Person(given_name="Amy", date_of_birth=date(2015, 3, 27), version=5))

    assert not submitted(_Post(), form, stale)
    assert form.data["version"] == "5"
    assert [r["field"] for r in form.conflict_rows] == ["given_name"]  # type: ignore[attr-defined]
