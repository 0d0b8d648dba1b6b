import re
from datetime import date

import pytest

from accounts.permissions import Role
from audit.models import AuditEvent
from codes import person as codes
from core.models import Notification
from core.tests.form_data import date_input
from people import services
from people.models import Person, PersonRelationship
from people.tests.factories import make_person, restrict


def test_person_page_shows_record_and_audits_the_view(client_for, social_worker, child):
    response = client_for(social_worker).get(f"/people/{child.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Amelia Hughes" in body
    assert child.la_child_id in body
    assert AuditEvent.objects.filter(person_id=child.pk, action="VIEW", actor=social_worker).exists()


def test_create_person_offers_possible_duplicates_first(client_for, social_worker, child):
    c = client_for(social_worker)
    data = {
        "record_type": "CHILD",
        "given_name": "Amelia",
        "family_name": "Hughs",
        **date_input("date_of_birth", date(2015, 3, 27)),
        "sex": "F",
        "gender": "2",
        "ethnicity": "WBRI",
    }
    response = c.post("/people/new/", data)
    assert response.status_code == 200
    assert "may already have a record" in response.content.decode()
    assert 'value="Hughs"' in response.content.decode()
    assert Person.objects.count() == 1
    response = c.post("/people/new/", {**data, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_create_person_rejects_bad_nhs_number_and_keeps_input(client_for, social_worker):
    response = client_for(social_worker).post(
        "/people/new/",
        {
            "record_type": "CHILD",
            "given_name": "Zed",
            "family_name": "Quill",
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "2016",
            "sex": "M",
            "gender": "1",
            "ethnicity": "WBRI",
            "nhs_number": "1234567890",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Date of birth must be a real date" in body
    assert "NHS number" in body
    assert 'value="Quill"' in body


def test_search_finds_misspelt_name(client_for, social_worker, child):
    response = client_for(social_worker).post("/people/search/", {"q": "Amelia Hughs"}, follow=True)
    assert response.status_code == 200
    assert "Amelia Hughes" in response.content.decode()


@pytest.mark.parametrize("path", ["/people/search/", "/work/my-work/", "/timescales/"])
def test_pages_render(client_for, social_worker, path):
    assert client_for(social_worker).get(path).status_code == 200


def test_timescale_calculator(client_for, social_worker):
    response = client_for(social_worker).get(
        "/timescales/",
        {"rule": "lac_first_review", **date_input("start", date(2024, 3, 14))},
    )
    assert response.status_code == 200
    assert "15 April 2024" in response.content.decode()
    assert date(2024, 4, 15)


# --- Extended view tests -----------------------------------------------------------------

ERROR_SUMMARY = "govuk-error-summary"


def _edit_data(person: Person, **changes: str) -> dict[str, str]:
    born = person.date_of_birth
    data = {
        "record_type": person.record_type,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year),
        "sex": person.sex,
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "version": str(person.version),
    }
    return {**data, **changes}


@pytest.fixture
def restricted_child(child, team_manager):
    restrict(team_manager, child)
    return child


def test_edit_shows_conflict_and_keeps_typed_values_when_version_stale(client_for, social_worker, child):
    c = client_for(social_worker)
    assert c.get(f"/people/{child.pk}/edit/").status_code == 200
    stale = _edit_data(child, given_name="Amelie", middle_names="Rose")
    services.update_person(
        actor=social_worker, person=child, data={"family_name": "Okafor"}, expected_version=1
    )

    response = c.post(f"/people/{child.pk}/edit/", stale)

    body = response.content.decode()
    assert response.status_code == 409
    assert 'id="conflict"' in body
    assert "Someone else changed this record" in body
    assert ERROR_SUMMARY in body
    assert 'value="Amelie"' in body
    assert 'value="Rose"' in body
    assert 'name="version" value="2"' in body
    child.refresh_from_db()
    assert (child.given_name, child.family_name, child.version) == ("Amelia", "Okafor", 2)


def test_edit_saves_when_resubmitted_against_latest_version_after_conflict(client_for, social_worker, child):
    c = client_for(social_worker)
    services.update_person(
        actor=social_worker, person=child, data={"middle_names": "Grace"}, expected_version=1
    )
    child.refresh_from_db()

    response = c.post(f"/people/{child.pk}/edit/", _edit_data(child, middle_names="Rose"))

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.middle_names, child.version) == ("Rose", 3)


@pytest.mark.parametrize(
    ("path", "data", "message", "kept"),
    [
        (
            "addresses/new/",
            {"kind": "HOME", "line_1": "12 Quay Street", "town": "", "postcode": "NOT A PC"},
            "Enter a real postcode, like LS1 4AP",
            ['value="12 Quay Street"', 'value="NOT A PC"', "Enter the town or city"],
        ),
        (
            "names/new/",
            {"given_name": "Millie", "family_name": "Jones", "used_from-year": "2019"},
            "Select the type of name",
            ['value="Millie"', 'value="Jones"', 'value="2019"'],
        ),
        (
            "alerts/new/",
            {
                "kind": "DOG",
                "details": "Large dog in the yard",
                "start_date-day": "1",
                "start_date-year": "2024",
            },
            "The date the alert starts must include a month",
            ["Large dog in the yard", 'value="2024"'],
        ),
        (
            "relationships/new/",
            {"other_id": "hb9999999", "direction": "other_is", "type": "PARENT", "notes": "Maternal aunt"},
            "No record you can open has that Harbour ID",
            ['value="hb9999999"', 'value="Maternal aunt"'],
        ),
    ],
    ids=["address", "name", "alert", "relationship"],
)
def test_add_form_returns_400_with_error_summary_and_keeps_input_when_invalid(
    client_for, social_worker, child, path, data, message, kept
):
    response = client_for(social_worker).post(f"/people/{child.pk}/{path}", data)

    body = response.content.decode()
    assert response.status_code == 400
    assert ERROR_SUMMARY in body
    assert "There is a problem" in body
    assert message in body
    for typed in kept:
        assert typed in body


@pytest.mark.parametrize(
    ("path", "data", "recorded"),
    [
        (
            "addresses/new/",
            {"kind": "HOME", "line_1": "12 Quay Street", "town": "Harbourside", "postcode": "hb1 2ab"}
            | date_input("start_date", date(2024, 2, 1)),
            lambda child: (
                child.addresses.values_list("line_1", "postcode", "start_date").get()
                == ("12 Quay Street", "HB1 2AB", date(2024, 2, 1))
            ),
        ),
        (
            "names/new/",
            {"kind": "ALIAS", "given_name": "Millie", "family_name": "Jones", "used_from-year": ""},
            lambda child: (
                child.other_names.values_list("kind", "given_name", "family_name").get()
                == ("ALIAS", "Millie", "Jones")
            ),
        ),
        (
            "alerts/new/",
            {"kind": "DOG", "details": "Large dog in the yard"} | date_input("start_date", date(2024, 3, 1)),
            lambda child: (
                child.alerts.values_list("kind", "details", "start_date").get()
                == ("DOG", "Large dog in the yard", date(2024, 3, 1))
            ),
        ),
    ],
    ids=["address", "name", "alert"],
)
def test_add_form_records_through_the_service_and_returns_to_the_person_when_valid(
    client_for, social_worker, child, path, data, recorded
):
    response = client_for(social_worker).post(f"/people/{child.pk}/{path}", data)

    assert response.status_code == 302
    # Back to the section of the record that shows it: addresses and names with the family.
    section = "" if path.startswith("alerts") else "family/"
    assert response["Location"] == f"/people/{child.pk}/{section}"
    assert recorded(child)


def test_add_relationship_saves_when_other_record_found(client_for, social_worker, child):
    parent = make_person(social_worker, "Sarah", "Hughes", record_type="ADULT")

    response = client_for(social_worker).post(
        f"/people/{child.pk}/relationships/new/",
        {"other_id": parent.la_child_id.lower(), "direction": "other_is", "type": "PARENT"},
    )

    assert response.status_code == 302
    rel = PersonRelationship.objects.get()
    assert (rel.person_a, rel.person_b) == (parent, child)


def test_create_page_offers_disabilities_as_checkboxes_when_rendered(client_for, social_worker):
    body = client_for(social_worker).get("/people/new/").content.decode()

    inputs = re.findall(r'<input[^>]*name="disabilities"[^>]*>', body)
    assert len(inputs) == len(codes.DISABILITY.choices())
    assert all('type="checkbox"' in tag for tag in inputs)


def test_restricted_record_page_offers_break_glass_form_when_role_may_break_glass(
    client_for, social_worker, restricted_child
):
    response = client_for(social_worker).get(f"/people/{restricted_child.pk}/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "This record is restricted" in body
    assert f'action="/people/{restricted_child.pk}/break-glass/"' in body
    assert 'name="reason"' in body
    assert "Amelia" not in body  # nothing of the record itself is shown


def test_restricted_record_page_has_no_break_glass_form_when_role_cannot(
    client_for, make_user, restricted_child
):
    response = client_for(make_user(Role.EARLY_HELP)).get(f"/people/{restricted_child.pk}/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "break-glass" not in body
    assert "Ask the record's manager" in body


def test_break_glass_post_grants_access_and_redirects_when_reason_given(
    client_for, social_worker, team_manager, restricted_child
):
    c = client_for(social_worker)

    response = c.post(
        f"/people/{restricted_child.pk}/break-glass/", {"reason": "Police checking welfare tonight, urgent"}
    )

    assert response.status_code == 302
    assert response.url == f"/people/{restricted_child.pk}/"
    assert c.get(response.url).status_code == 200
    assert Notification.objects.filter(recipient=team_manager).count() == 1
    assert AuditEvent.objects.filter(person_id=restricted_child.pk, action="BREAK_GLASS").count() == 1


def test_break_glass_post_refuses_and_shows_error_when_reason_too_short(
    client_for, social_worker, restricted_child
):
    c = client_for(social_worker)

    response = c.post(f"/people/{restricted_child.pk}/break-glass/", {"reason": "urgent"})

    assert response.status_code == 400
    assert "Give a reason of at least 10 characters" in response.content.decode()
    assert c.get(f"/people/{restricted_child.pk}/").status_code == 403


def test_merge_asks_for_confirmation_then_merges_when_confirmed(
    client_for, social_worker, team_manager, child
):
    duplicate = make_person(social_worker, "Amelia", "Hughs", nhs_number="9434765919")
    c = client_for(team_manager)
    url = f"/people/{child.pk}/merge/"
    assert c.get(url, {"duplicate": duplicate.la_child_id}).status_code == 200
    step_one = {"duplicate_id": duplicate.la_child_id.lower(), "reason": "Same NHS number and date of birth"}

    confirm = c.post(url, step_one)

    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Check before you merge" in body
    assert duplicate.la_child_id in body
    assert 'name="confirm" value="yes"' in body
    assert 'value="Same NHS number and date of birth"' in body
    duplicate.refresh_from_db()
    assert duplicate.record_status == "ACTIVE"

    done = c.post(url, {**step_one, "confirm": "yes"})

    assert done.status_code == 302
    assert done.url == f"/people/{child.pk}/"
    duplicate.refresh_from_db()
    assert (duplicate.record_status, duplicate.merged_into_id) == ("MERGED", child.pk)
    followed = c.get(f"/people/{duplicate.pk}/")
    assert followed.status_code == 302
    assert followed.url == f"/people/{child.pk}/"


def test_merge_refuses_same_record_when_own_id_given(client_for, team_manager, child):
    response = client_for(team_manager).post(
        f"/people/{child.pk}/merge/", {"duplicate_id": child.la_child_id, "reason": "Oops", "confirm": "yes"}
    )

    assert response.status_code == 400
    assert "Enter the Harbour ID of a different record" in response.content.decode()


def test_audit_person_page_lists_earlier_view_by_another_user(client_for, social_worker, auditor_user, child):
    client_for(social_worker).get(f"/people/{child.pk}/")

    response = client_for(auditor_user).get(f"/audit/person/{child.pk}/", {"views": "1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert social_worker.display_name in body and social_worker.role_label in body
    assert "Viewed" in body
    assert "Person page" in body


def test_audit_user_page_lists_what_that_user_saw(client_for, social_worker, auditor_user, child):
    client_for(social_worker).get(f"/people/{child.pk}/")

    response = client_for(auditor_user).get(f"/audit/user/{social_worker.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert child.la_child_id in body
    assert "Person page" in body


def test_audit_index_lists_recent_refusals_when_auditor_signs_in(
    client_for, social_worker, auditor_user, restricted_child
):
    client_for(social_worker).get(f"/people/{restricted_child.pk}/")

    response = client_for(auditor_user).get("/audit/")

    assert response.status_code == 200
    assert "Access refused" in response.content.decode()


def test_duplicate_check_hides_details_of_restricted_records_when_user_not_named(
    client_for, social_worker, team_manager, child
):

    restrict(team_manager, child)
    response = client_for(social_worker).post(
        "/people/new/",
        {
            "record_type": "CHILD",
            "given_name": "Amelia",
            "family_name": "Hughes",
            **date_input("date_of_birth", date(2015, 3, 27)),
            "sex": "F",
            "gender": "2",
            "ethnicity": "WBRI",
        },
    )
    body = response.content.decode()
    assert "may already have a record" in body
    assert "Restricted record" in body
    assert "27 March 2015" not in body.split("Possible matches")[1].split("</table>")[0]


def test_family_network_masks_a_restricted_sibling_when_user_may_not_open_it(
    client_for, social_worker, team_manager, child
):
    sibling = make_person(social_worker, "Jordan", "Quill")
    services.add_relationship(actor=social_worker, person_a=sibling, person_b=child, type="SIBLING")
    restrict(team_manager, sibling)

    barred = client_for(social_worker).get(f"/people/{child.pk}/family/").content.decode()
    manager_view = client_for(team_manager).get(f"/people/{child.pk}/family/").content.decode()

    network = barred.split('id="family-network"')[1].split("</ul>")[0]
    assert "Jordan" not in barred and "Quill" not in barred
    assert "Restricted record" in network
    assert "Jordan Quill" in manager_view.split('id="family-network"')[1]


def test_break_glass_does_not_let_another_manager_re_restrict_the_record(
    client_for, make_user, team_manager, social_worker, restricted_child
):
    from people.access import break_glass
    from people.models import RecordRestriction

    other = make_user(Role.TEAM_MANAGER, "other.manager")
    break_glass(actor=other, person_id=restricted_child.pk, reason="Police checking welfare tonight")
    c = client_for(other)

    page = c.get(f"/people/{restricted_child.pk}/restrict/")
    posted = c.post(f"/people/{restricted_child.pk}/restrict/", {"reason": "STAFF_CHILD", "named_users": []})

    assert page.status_code == 403 and posted.status_code == 403
    assert RecordRestriction.objects.get(person=restricted_child).manager == team_manager
    assert client_for(team_manager).get(f"/people/{restricted_child.pk}/").status_code == 200


def test_restriction_change_by_another_holder_of_the_permission_is_refused(
    admin_user, team_manager, social_worker, child
):
    from django.core.exceptions import PermissionDenied

    from people.models import RecordRestriction

    restrict(team_manager, child, named_users=[social_worker])

    with pytest.raises(PermissionDenied):
        services.restrict_record(
            actor=admin_user,
            person=child,
            reason="STAFF_CHILD",
            details="",
            manager=admin_user,
            named_users=[],
        )
    with pytest.raises(PermissionDenied):
        services.lift_restriction(actor=admin_user, person=child, reason="Not needed")

    kept = RecordRestriction.objects.get(person=child)
    assert kept.manager == team_manager and list(kept.named_users.all()) == [social_worker]


def test_restriction_manager_changes_named_users_and_those_removed_are_told(
    client_for, team_manager, social_worker, make_user, child
):
    other = make_user(Role.SOCIAL_WORKER, "other.worker")
    restrict(team_manager, child, named_users=[social_worker, other])
    c = client_for(team_manager)

    form = c.get(f"/people/{child.pk}/restrict/").content.decode()
    c.post(f"/people/{child.pk}/restrict/", {"reason": "STAFF_CHILD", "named_users": [str(other.pk)]})

    assert re.search(rf'value="{social_worker.pk}"\s+checked', form)
    assert Notification.objects.filter(recipient=social_worker, subject__contains=child.la_child_id).exists()
    assert not Notification.objects.filter(recipient=other).exists()
