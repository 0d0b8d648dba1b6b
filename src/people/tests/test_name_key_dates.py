"""Each name key carries its person's date of birth (`people.models.NameKey`), so the duplicate
check's near-dates block reads one index: the keys must follow the date when it is recorded,
corrected or merged, or a slip in the date would no longer find the child."""

import importlib
from datetime import date

from django.apps import apps

from people import services
from people.models import NameKey, Person
from people.search import find_possible_duplicates
from people.tests import factories


def _dates_on_keys(person: Person) -> set[date | None]:
    return set(NameKey.objects.filter(person=person).values_list("date_of_birth", flat=True))


def _found(given: str, family: str, born: date) -> list[int]:
    return [
        m.person.pk
        for m in find_possible_duplicates(given_name=given, family_name=family, date_of_birth=born)
    ]


def test_a_recorded_persons_keys_carry_their_date_of_birth(social_worker):
    amelia = factories.make_person(social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 9))
    unborn = factories.make_person(social_worker, "Baby", "Hughes", expected_date_of_birth=date(2025, 5, 20))

    assert _dates_on_keys(amelia) == {date(2015, 3, 9)}
    assert _dates_on_keys(unborn) == {None}


def test_a_corrected_date_of_birth_moves_to_the_keys_and_a_slip_in_it_still_finds_the_child(social_worker):
    amelia = factories.make_person(social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 9))
    assert amelia.pk in _found("Amelia", "Hughes", date(2015, 9, 3))  # day and month swapped

    amelia = services.update_person(
        actor=social_worker,
        person=amelia,
        data={"date_of_birth": date(2015, 4, 11)},
        expected_version=amelia.version,
    )

    assert _dates_on_keys(amelia) == {date(2015, 4, 11)}
    assert amelia.pk in _found("Amelia", "Hughes", date(2015, 11, 4))  # the new date, swapped
    assert amelia.pk in _found("Amelia", "Hughes", date(2015, 4, 12))  # the new date, a digit wrong
    assert amelia.pk not in _found("Amelia", "Hughes", date(2015, 9, 3))  # the old date, swapped


def test_the_migration_fills_the_keys_made_before_it(social_worker):
    amelia = factories.make_person(social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 9))
    unborn = factories.make_person(social_worker, "Baby", "Hughes", expected_date_of_birth=date(2025, 5, 20))
    NameKey.objects.update(date_of_birth=None)  # as keys made before the migration are
    migration = importlib.import_module("people.migrations.0006_name_keys_carry_the_date_of_birth")

    migration.carry_the_date_of_birth(apps, None)

    assert _dates_on_keys(amelia) == {date(2015, 3, 9)}
    assert _dates_on_keys(unborn) == {None}
