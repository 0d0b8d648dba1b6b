"""Records the casework tests make again and again: a chronology entry, a restricted PDF."""

from collections.abc import Collection
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from casework import services

PDF = b"%PDF-1.4\n" + b"0" * 64


def restricted_pdf(actor, child, title, *, document_date=date(2024, 4, 1), named_users: Collection = ()):
    """A restricted report uploaded to the child's record by `actor`."""
    return services.upload_document(
        actor=actor,
        person=child,
        title=title,
        doc_type="REPORT",
        document_date=document_date,
        upload=SimpleUploadedFile("d.pdf", PDF, content_type="application/pdf"),
        restricted=True,
        named_users=named_users,
    )


def chronology_entry(actor, child, day, what, *, agency="School", source="Head teacher", **options):
    """An entry `actor` adds to the child's chronology: what `agency` said happened on `day`."""
    return services.add_chronology_entry(
        actor=actor,
        person=child,
        occurred_on=day,
        agency=agency,
        what_happened=what,
        source_of_information=source,
        **options,
    )
