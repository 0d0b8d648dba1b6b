"""Advocacy, independent visitors, complaints and the child's views before meetings in the
child's chronology (see casework.chronology for the interface)."""

from collections.abc import Callable
from typing import Any

from casework.chronology import Event, Kind, Source


def _voice(label: str, on: str, title: str, summary: str | Callable[[Any], str]) -> Source[Any]:
    """A record of the child's voice: one event, when it happened."""
    return Source(label, (Event(kind=Kind.VOICE, on=on, title=title, summary=summary),))


SOURCES: tuple[Source[Any], ...] = (
    _voice(
        "rights.AdvocacyReferral",
        "referred_on",
        "Referred for advocacy",
        "The child was referred to an advocate.",
    ),
    _voice(
        "rights.IndependentVisitor",
        "matched_on",
        "Independent visitor matched",
        "The child was matched with an independent visitor.",
    ),
    _voice("rights.Complaint", "received_on", "Complaint received", "The child's complaint was received."),
    _voice("rights.ChildViews", "given_on", "The child's views", lambda w: w.views[:200]),
)
