"""Every refusal is audited by one writer, `audit.services.record_refusal`: the access door's
(and a record of a child's refused after it), in `people.read_audit`, and a role's refusal of
a page before any record is read, in `accounts.decorators`. The rows are as they were."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.decorators import requires
from accounts.permissions import Permission, Role
from audit import services as auditor
from audit.models import AuditAction, AuditEvent
from people import read_audit
from people.access import Purpose, get_person_for


@requires(Permission.EDIT_PERSON)
def _edit_page(request, person_id):
    return HttpResponse("edited")


@pytest.fixture
def writer():
    with mock.patch.object(auditor, "record_refusal", wraps=auditor.record_refusal) as spy:
        yield spy


def _row(actor):
    return AuditEvent.objects.get(actor=actor, action=AuditAction.REFUSED)


def test_a_page_refused_to_a_role_is_audited_by_the_one_writer(writer, auditor_user, child):
    request = RequestFactory().get("/")
    request.user = auditor_user

    with pytest.raises(PermissionDenied):
        _edit_page(request, person_id=child.pk)

    writer.assert_called_once()
    row = _row(auditor_user)
    assert (row.person_id, row.object_type, row.object_id, row.summary, row.changes) == (
        None,
        "",
        "",
        "people._edit_page refused: role lacks people.edit_person",
        {
            "permission": "people.edit_person",
            "page": "people._edit_page",
            "keys": {"person_id": str(child.pk)},
        },
    )


def test_the_doors_refusal_is_audited_by_the_one_writer(writer, make_user, child):
    auditor_user = make_user(Role.AUDITOR)

    with pytest.raises(PermissionDenied):
        get_person_for(auditor_user, child.pk, purpose=Purpose.EDIT)

    writer.assert_called_once()
    row = _row(auditor_user)
    assert (row.person_id, row.object_type, row.summary, row.changes) == (
        child.pk,
        "",
        "edit refused: role lacks people.edit_person",
        {},
    )


def test_a_record_refused_after_the_door_is_audited_by_the_one_writer(writer, make_user, child):
    second_worker = make_user(Role.SOCIAL_WORKER, "second.worker")

    read_audit.record_refusal(second_worker, person=child, obj=child, reason="restricted record")

    writer.assert_called_once()
    row = _row(second_worker)
    assert (row.person_id, row.object_type, row.object_id, row.summary, row.changes) == (
        child.pk,
        "people.Person",
        str(child.pk),
        "person refused: restricted record",
        {},
    )
