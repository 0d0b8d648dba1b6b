"""Tolerant person search, free-text parsing and the duplicate check."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.permissions import Role
from people import search as search_module
from people import services
from people.models import NameKind
from people.search import SearchQuery, find_possible_duplicates, parse_free_text, search
from people.tests import factories
from people.tests.factories import restrict
from workforce.models import AllocationRole
from workforce.tests.factories import allocate


@pytest.fixture
def make_person(social_worker):
    def make(given: str, family: str, postcode: str = "", **extra):
        address = services.NewAddress(
            line_1="1 Harbour Road", town="Leeds", postcode=postcode, start_date=date(2020, 1, 1)
        )
        return factories.make_person(
            social_worker, given, family, address=address if postcode else None, **extra
        )

    return make


@pytest.fixture
def people(make_person, child):
    """A small register: the shared `child` fixture is Amelia Hughes, born 27 March 2015."""
    return {
        "amelia": child,
        "john": make_person("John", "Smyth", date_of_birth=date(2012, 7, 1), postcode="LS1 4AP"),
        "catherine": make_person(
            "Catherine", "Jones", date_of_birth=date(2016, 2, 29), nhs_number="9434765919"
        ),
        "mohammed": make_person("Mohammed", "Khan", date_of_birth=date(2014, 11, 5), postcode="M1 1AE"),
        "noah": make_person("Noah", "Price", date_of_birth=date(2015, 3, 27)),
    }


def _found(user, **query):
    return [m.person for m in search(user, SearchQuery(**query))]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Smith", "john"),
        ("John Smith", "john"),
        ("Kathryn", "catherine"),
        ("Katherine Jones", "catherine"),
        ("Muhammad", "mohammed"),
        ("Mohamed Khan", "mohammed"),
        ("Amelia Hughs", "amelia"),
        ("amelia hughes", "amelia"),
    ],
)
def test_search_finds_person_when_name_misspelt_or_sounds_alike(social_worker, people, typed, key):
    assert people[key] in _found(social_worker, name=typed)


def test_search_leaves_out_unrelated_people_when_name_given(social_worker, people):
    found = _found(social_worker, name="Smith")

    assert found == [people["john"]]


def test_search_ranks_exact_name_first_when_several_match(social_worker, people, make_person):
    make_person("Amelia", "Hughs")

    found = _found(social_worker, name="Amelia Hughes")

    assert found[0] == people["amelia"]
    assert len(found) == 2


def test_search_finds_person_by_previous_name_when_name_changed(social_worker, people):
    services.update_person(
        actor=social_worker, person=people["amelia"], data={"family_name": "Okafor"}, expected_version=1
    )

    assert people["amelia"] in _found(social_worker, name="Amelia Hughes")
    assert people["amelia"] in _found(social_worker, name="Amelia Okafor")


def test_search_finds_person_by_alias_when_alias_recorded(social_worker, people):
    services.add_name(
        actor=social_worker,
        person=people["noah"],
        kind=NameKind.ALIAS,
        given_name="Jayden",
        family_name="Reilly",
    )

    assert _found(social_worker, name="Jaden Riley") == [people["noah"]]


def test_search_finds_person_by_known_as_name_when_preferred_name_recorded(social_worker, make_person):
    kate = make_person("Katarzyna", "Nowak", preferred_name="Kasia")

    assert _found(social_worker, name="Kasia Nowak") == [kate]


def test_search_filters_by_date_of_birth_when_given(social_worker, people):
    found = _found(social_worker, date_of_birth=date(2015, 3, 27))

    assert set(found) == {people["amelia"], people["noah"]}
    assert _found(social_worker, name="Amelia", date_of_birth=date(2015, 3, 27)) == [people["amelia"]]
    assert _found(social_worker, name="Amelia", date_of_birth=date(2015, 3, 28)) == []


def test_search_filters_by_nhs_number_when_given(social_worker, people):
    assert _found(social_worker, nhs_number="9434765919") == [people["catherine"]]


def test_search_filters_by_postcode_when_given(social_worker, people):
    assert _found(social_worker, postcode="M1 1AE") == [people["mohammed"]]
    assert _found(social_worker, name="Smyth", postcode="M1 1AE") == []


def test_search_returns_nothing_when_query_empty(social_worker, people):
    assert search(social_worker, SearchQuery()) == []
    assert _found(social_worker, name="!!!") == []
    assert _found(social_worker, name="-- ''", date_of_birth=date(2012, 7, 1)) == []


def test_search_loads_exact_names_first_when_more_candidates_than_it_ranks(
    social_worker, make_person, monkeypatch
):
    """A common surname in a large authority: the people whose name is the word typed are
    found before the sound-alikes, not whichever candidates the database returned first."""
    for given in ("Ava", "Bea", "Cal"):
        make_person(given, "Smyth")
    zoe, amy = make_person("Zoe", "Smith"), make_person("Amy", "Smith")
    monkeypatch.setattr(search_module, "MAX_CANDIDATES", 3)
    monkeypatch.setattr(search_module, "MAX_RESULTS", 2)
    found = search_module.search_people(social_worker, SearchQuery(name="Smith"))
    assert [m.person for m in found.matches] == [amy, zoe]
    assert found.more


def test_search_shows_the_first_exact_matches_alphabetically_and_says_there_are_more(
    client, social_worker, make_person, monkeypatch
):
    for given in ("Dan", "Ava", "Cal", "Bea"):
        make_person(given, "Smith")
    make_person("Ava", "Smyth")
    monkeypatch.setattr(search_module, "MAX_RESULTS", 3)
    found = search_module.search_people(social_worker, SearchQuery(name="Smith"))
    assert [m.person.given_name for m in found.matches] == ["Ava", "Bea", "Cal"]
    assert found.more
    assert all(m.can_open for m in found.matches)
    client.force_login(social_worker)
    page = client.post("/people/search/", {"q": "smith"}, follow=True).content.decode()
    assert "More than 3 people found" in page
    assert "The 3 closest matches are shown" in page
    monkeypatch.setattr(search_module, "MAX_RESULTS", 50)
    page = client.post("/people/search/", {"q": "smith"}, follow=True).content.decode()
    assert "5 people found" in page
    assert "closest matches are shown" not in page


def test_search_lists_restricted_record_that_cannot_be_opened_when_user_not_named(
    social_worker, team_manager, people
):
    restrict(team_manager, people["amelia"])

    worker_view = {m.person: m.can_open for m in search(social_worker, SearchQuery(name="Amelia Hughes"))}
    manager_view = {m.person: m.can_open for m in search(team_manager, SearchQuery(name="Amelia Hughes"))}

    assert worker_view == {people["amelia"]: False}
    assert manager_view == {people["amelia"]: True}


def test_search_shows_partner_only_people_they_work_with_when_partner(make_user, team_manager, team, people):
    partner = make_user(Role.PARTNER)
    assert _found(partner, name="Amelia Hughes") == []

    allocate(team_manager, people["amelia"], partner, team, timezone.localdate(), AllocationRole.PARTNER)

    assert _found(partner, name="Amelia Hughes") == [people["amelia"]]
    assert _found(partner, name="Smith") == []


def test_search_leaves_out_merged_records_when_merged(social_worker, team_manager, people, make_person):
    duplicate = make_person("Amelia", "Hughs")
    services.merge_people(
        actor=team_manager, survivor=people["amelia"], duplicate=duplicate, reason="Same child"
    )

    assert _found(social_worker, name="Amelia Hughs") == [people["amelia"]]


def test_parse_free_text_understands_name_and_date_when_both_typed():
    assert parse_free_text("Amelia 27/03/2015") == SearchQuery(name="Amelia", date_of_birth=date(2015, 3, 27))


@pytest.mark.parametrize("typed", ["27 March 2015", "2015-03-27", "27-03-2015", "27.3.2015"])
def test_parse_free_text_understands_date_when_typed_in_other_formats(typed):
    assert parse_free_text(typed).date_of_birth == date(2015, 3, 27)


@pytest.mark.parametrize("typed", ["943 476 5919", "9434765919", "943-476-5919"])
def test_parse_free_text_understands_nhs_number_when_typed(typed):
    assert parse_free_text(typed) == SearchQuery(nhs_number="9434765919")


def test_parse_free_text_keeps_number_as_text_when_nhs_check_digit_wrong():
    parsed = parse_free_text("943 476 5918")

    assert parsed.nhs_number == ""


@pytest.mark.parametrize("typed", ["LS1 4AP", "ls14ap", "Ls1 4ap"])
def test_parse_free_text_understands_postcode_when_typed(typed):
    assert parse_free_text(typed) == SearchQuery(postcode="LS1 4AP")


def test_parse_free_text_understands_everything_when_combined():
    parsed = parse_free_text("Amelia Hughes 27/03/2015 943 476 5919 LS1 4AP")

    assert parsed == SearchQuery(
        name="Amelia Hughes", date_of_birth=date(2015, 3, 27), nhs_number="9434765919", postcode="LS1 4AP"
    )


def test_find_possible_duplicates_matches_same_nhs_number_when_name_differs(people):
    matches = find_possible_duplicates(given_name="Kate", family_name="Smith", nhs_number="9434765919")

    assert [m.person for m in matches] == [people["catherine"]]
    assert matches[0].reasons == [
        "Same NHS number",
        "different family name",
        "given name a short form of Catherine",
    ]


def test_find_possible_duplicates_matches_same_name_and_date_of_birth_when_both_given(people):
    matches = find_possible_duplicates(
        given_name="Amelia", family_name="Hughes", date_of_birth=date(2015, 3, 27)
    )

    assert [m.person for m in matches] == [people["amelia"]]
    assert matches[0].reasons == ["Same date of birth", "same family name", "same given name"]
    assert matches[0].score == pytest.approx(1.0)


def test_find_possible_duplicates_matches_similar_name_and_date_of_birth_when_misspelt(people):
    matches = find_possible_duplicates(
        given_name="Amelia", family_name="Hughs", date_of_birth=date(2015, 3, 27)
    )

    assert [m.person for m in matches] == [people["amelia"]]
    assert matches[0].reasons == ["Same date of birth", "family name one letter different", "same given name"]


def test_find_possible_duplicates_notes_same_postcode_when_given(people):
    matches = find_possible_duplicates(given_name="John", family_name="Smith", postcode="LS1 4AP")

    assert matches[0].person == people["john"]
    assert "has lived at the same postcode" in matches[0].reasons


def test_find_possible_duplicates_ignores_record_itself_when_excluded(people):
    matches = find_possible_duplicates(
        given_name="Amelia",
        family_name="Hughes",
        date_of_birth=date(2015, 3, 27),
        exclude_id=people["amelia"].pk,
    )

    assert matches == []


def test_find_possible_duplicates_includes_restricted_record_when_it_matches(team_manager, people):
    restrict(team_manager, people["amelia"], "OTHER")

    matches = find_possible_duplicates(given_name="Amelia", family_name="Hughes")

    assert [m.person for m in matches] == [people["amelia"]]


def test_find_possible_duplicates_finds_nothing_when_no_one_alike(people):
    assert find_possible_duplicates(given_name="Zebedee", family_name="Quartermaine") == []


# --- The header search box: a Harbour ID --------------------------------------------------


def test_parse_free_text_understands_a_harbour_id_however_typed():
    assert parse_free_text("HB0000123") == SearchQuery(harbour_id="HB0000123")
    assert parse_free_text(" hb 123 ") == SearchQuery(harbour_id="HB0000123")
    assert parse_free_text("Amelia") == SearchQuery(name="Amelia")


def test_harbour_id_in_the_header_goes_to_the_child_and_is_audited(client, social_worker, people):
    from audit.models import AuditAction, AuditEvent

    amelia = people["amelia"]
    client.force_login(social_worker)

    response = client.post("/people/search/", {"q": amelia.la_child_id.lower()})

    assert response.status_code == 302 and response.url == f"/people/{amelia.pk}/"
    searched = AuditEvent.objects.get(action=AuditAction.SEARCH, actor=social_worker)
    assert searched.person_id == amelia.pk
    assert searched.changes == {"by": ["Harbour ID"], "found": 1, "listed": [amelia.pk]}
    assert amelia.given_name not in searched.summary


def test_harbour_id_of_a_restricted_child_is_listed_masked_not_opened(
    client, social_worker, team_manager, people
):
    amelia = people["amelia"]
    restrict(team_manager, amelia)
    client.force_login(social_worker)

    response = client.post("/people/search/", {"q": amelia.la_child_id}, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Restricted record" in page and "Amelia" not in page


def test_harbour_id_that_matches_no_one_says_so(client, social_worker, people):
    client.force_login(social_worker)

    page = client.post("/people/search/", {"q": "HB9999999"}, follow=True).content.decode()

    assert "0 people found" in page and "No one matched" in page


def test_header_search_box_has_a_visible_label(client, social_worker):
    client.force_login(social_worker)

    page = client.get("/work/my-work/").content.decode()

    assert '<label class="govuk-label govuk-body-s" for="header-search">' in page
    assert "Harbour ID" in page
