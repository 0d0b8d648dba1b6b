"""Documents generated from what the front door records (the `casework.documents` plug-in):
the letter acknowledging a referral to the referrer. Every value comes from the referral as
recorded, never re-keyed."""

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from casework.documents import DocumentGenerator, long_date
from casework.rendering import Doc
from codes import cin
from people.models import Person

from .models import Referral


def _referral_options(person: Person) -> list[tuple[int, str]]:
    return [
        (r.pk, f"Referral received {long_date(r.referral_date)} ({cin.REFERRAL_SOURCE.label(r.source)})")
        for r in Referral.objects.filter(person=person)
    ]


def _referral_letter(person: Person, object_id: int, actor: User) -> Doc:
    referral = Referral.objects.get(pk=object_id, person=person)
    authority = settings.HARBOUR_AUTHORITY["name"]
    doc = Doc(title=f"Acknowledgement of referral – {person.la_child_id}")
    doc.p(authority)
    doc.p(f"Children's Services · {long_date(timezone.localdate())}")
    doc.meta("Our reference", f"{person.la_child_id}/R{referral.pk}")
    doc.h1("Thank you for your referral")
    doc.p(
        f"We received your referral about {person.full_name}"
        + (f" (born {long_date(person.date_of_birth)})" if person.date_of_birth else "")
        + f" on {long_date(referral.referral_date)}."
    )
    doc.p(
        "A qualified social worker will look at the information you gave us and decide what "
        "happens next within one working day. If you are worried that the child is in immediate "
        "danger, call the police on 999."
    )
    if referral.closure_date:
        doc.p(f"The referral was closed on {long_date(referral.closure_date)}.")
    doc.p(
        "Please quote our reference if you contact us about this child again. Information you "
        "give us is held securely under data protection law."
    )
    doc.p(f"Yours sincerely,\n{actor.display_name}\n{authority} Children's Services")
    return doc


GENERATORS = [
    DocumentGenerator(
        key="frontdoor.referral_acknowledgement",
        title="Letter to the referrer acknowledging a referral",
        doc_type="LETTER",
        options=_referral_options,
        build=_referral_letter,
    ),
]
