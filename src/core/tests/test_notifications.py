"""The notifications page: each member of staff sees and marks read only their own."""

import pytest
from django.urls import reverse

from accounts.permissions import Role
from core.models import Notification
from core.services import notify


@pytest.fixture
def notes(social_worker, team_manager):
    mine = notify(recipient=social_worker, subject="Child and family assessment authorised for A", link="/x/")
    other = notify(recipient=team_manager, subject="Submitted for authorisation for B")
    return mine, other


def test_list_shows_only_the_readers_own_with_a_mark_read_button(notes, social_worker, client_for):
    page = client_for(social_worker).get(reverse("core:notifications")).content.decode()
    assert "authorised for A" in page
    assert "for B" not in page
    assert reverse("core:notification_read", args=[notes[0].pk]) in page
    assert "Mark all as read" in page
    assert "1 unread" in page  # the header's count


def test_my_work_shows_the_unread_count(notes, social_worker, client_for):
    page = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "You have 1 unread notification<" in page


def test_marking_one_read_marks_only_the_readers_own(notes, social_worker, client_for):
    mine, other = notes
    client = client_for(social_worker)
    response = client.post(reverse("core:notification_read", args=[mine.pk]))
    assert response.status_code == 302
    response = client.post(reverse("core:notification_read", args=[other.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None
    assert other.read_at is None  # another's notification is left as it was
    page = client.get(reverse("core:notifications")).content.decode()
    assert "Mark all as read" not in page


def test_mark_read_only_by_post(notes, social_worker, client_for):
    response = client_for(social_worker).get(reverse("core:notification_read", args=[notes[0].pk]))
    assert response.status_code == 405
    notes[0].refresh_from_db()
    assert notes[0].read_at is None


def test_notifications_need_a_signed_in_user(notes, client):
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
    assert client.post(reverse("core:notification_read", args=[notes[0].pk])).status_code == 302
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.PARTNER, Role.IRO])
def test_every_role_has_the_page(role, make_user, client_for):
    user = make_user(role)
    assert client_for(user).get(reverse("core:notifications")).status_code == 200
