"""Records the casework tests make again and again: an allocation, a restricted PDF."""

from collections.abc import Collection
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from casework import services
from workforce import services as workforce_services

PDF = b"%PDF-1.4\n" + b"0" * 64


def allocate(manager, child, worker, team, start_date=date(2024, 1, 1)):
    """`worker` becomes the child's social worker from `start_date`."""
    return workforce_services.allocate(
        actor=manager, person=child, worker=worker, team=team, role="SOCIAL_WORKER", start_date=start_date
    )


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
