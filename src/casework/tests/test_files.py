"""Files on a child's record: refused at upload when their bytes are not the type they claim,
and served only as downloads under a sandbox (never shown as a page of Harbour's)."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import services
from casework.services.documents import DOCUMENT_TYPES
from casework.services.voice import VOICE_TYPES

from .records import PDF

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def _zip(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 64
OGG = b"OggS\x00\x02" + b"\x00" * 64
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
WORD = _zip(**{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
OPEN_DOCUMENT = _zip(mimetype=ODT, **{"content.xml": "<office:document-content/>"})
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

SAMPLES = {
    "image/png": PNG,
    "image/jpeg": JPEG,
    "image/gif": GIF,
    "image/webp": WEBP,
    "audio/mpeg": MP3,
    "audio/mp4": M4A,
    "audio/x-m4a": M4A,
    "audio/ogg": OGG,
    "audio/wav": WAV,
    "audio/x-wav": WAV,
    "audio/webm": WEBM + b"\x00" * 32,
    "application/pdf": PDF,
    "application/msword": DOC,
    DOCX: WORD,
    ODT: OPEN_DOCUMENT,
    "text/plain": "Notes from the meeting, café at 10:00\n".encode(),
}


def _view(actor, child, content: bytes, content_type: str, name: str = "file"):
    return services.record_child_view(
        actor=actor,
        person=child,
        recorded_on=date(2024, 4, 1),
        attachment=SimpleUploadedFile(name, content, content_type=content_type),
    )


def _document(actor, child, content: bytes, content_type: str, name: str = "file"):
    return services.upload_document(
        actor=actor,
        person=child,
        title="Letter",
        doc_type="LETTER",
        document_date=date(2024, 4, 1),
        upload=SimpleUploadedFile(name, content, content_type=content_type),
    )


@pytest.mark.parametrize("content_type", VOICE_TYPES)
def test_child_view_accepts_each_picture_and_sound_type_when_its_bytes_match(
    child, social_worker, content_type
):
    assert _view(social_worker, child, SAMPLES[content_type], content_type).attachment_type == content_type


@pytest.mark.parametrize("content_type", DOCUMENT_TYPES)
def test_document_accepts_each_type_when_its_bytes_match(child, social_worker, content_type):
    assert _document(social_worker, child, SAMPLES[content_type], content_type).content_type == content_type


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param(HTML, "audio/mpeg", id="html as mp3"),
        pytest.param(HTML, "audio/ogg", id="html as ogg"),
        pytest.param(SVG, "image/webp", id="svg as webp"),
        pytest.param(PNG, "image/webp", id="png as webp"),
        pytest.param(MP3, "audio/wav", id="mp3 as wav"),
        pytest.param(PDF, "audio/mp4", id="pdf as m4a"),
        pytest.param(b"\x00" * 80, "audio/webm", id="zeros as webm"),
    ],
)
def test_child_view_refuses_file_when_bytes_do_not_match_its_claimed_type(
    child, social_worker, content, content_type
):
    with pytest.raises(ValidationError, match="not the type it claims"):
        _view(social_worker, child, content, content_type)


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param(HTML, "text/plain", id="html as text"),
        pytest.param(SVG, "text/plain", id="svg as text"),
        pytest.param(PNG, "text/plain", id="png as text"),
        pytest.param(HTML, DOCX, id="html as docx"),
        pytest.param(OPEN_DOCUMENT, DOCX, id="odt as docx"),
        pytest.param(WORD, ODT, id="docx as odt"),
        pytest.param(_zip(**{"a.txt": "x"}), DOCX, id="plain zip as docx"),
        pytest.param(PDF, "application/msword", id="pdf as doc"),
        pytest.param(HTML, "application/msword", id="html as doc"),
    ],
)
def test_document_refused_when_bytes_do_not_match_its_claimed_type(
    child, social_worker, content, content_type
):
    with pytest.raises(ValidationError, match="not the type it claims"):
        _document(social_worker, child, content, content_type)


def _assert_download(response, content_type: str):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script-src" not in policy


@pytest.mark.parametrize(
    ("content_type", "content"),
    [pytest.param("image/png", PNG, id="drawing"), pytest.param("audio/ogg", OGG, id="recording")],
)
def test_childs_drawing_or_recording_is_served_as_a_sandboxed_download(
    client_for, child, social_worker, content_type, content
):
    view = _view(social_worker, child, content, content_type, name="Amelia drawing.png")

    response = client_for(social_worker).get(reverse("casework:voice_file", args=[view.pk]))

    _assert_download(response, content_type)
    assert f'filename="childs-view-{view.pk}.' in response["Content-Disposition"]
    assert "Amelia" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content


def test_document_is_served_as_a_sandboxed_download(client_for, child, social_worker):
    document = _document(social_worker, child, PDF, "application/pdf", name="letter.pdf")

    response = client_for(social_worker).get(reverse("casework:download_document", args=[document.pk]))

    _assert_download(response, "application/pdf")
