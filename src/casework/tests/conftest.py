from datetime import date

import pytest

from people import services as people_services
from people.models import RelationshipType


@pytest.fixture
def sibling(child, social_worker):
    brother = people_services.create_person(
        actor=social_worker,
        data={
            "record_type": "CHILD",
            "given_name": "Noah",
            "family_name": "Hughes",
            "date_of_birth": date(2017, 8, 1),
            "sex": "M",
            "ethnicity": "WBRI",
        },
    )
    people_services.add_relationship(
        actor=social_worker, person_a=brother, person_b=child, type=RelationshipType.SIBLING, lives_with=True
    )
    return brother
