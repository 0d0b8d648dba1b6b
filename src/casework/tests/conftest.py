from datetime import date

import pytest

from people import services as people_services
from people.models import RelationshipType
from people.tests.factories import make_person


@pytest.fixture
def sibling(child, social_worker):
    brother = make_person(
        social_worker, "Noah", "Hughes", date_of_birth=date(2017, 8, 1), sex="M", ethnicity="WBRI"
    )
    people_services.add_relationship(
        actor=social_worker, person_a=brother, person_b=child, type=RelationshipType.SIBLING, lives_with=True
    )
    return brother
