"""Core writes its audit rows through the trail the audit app installs, and refuses to
write without one."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import trail


def test_writing_with_no_writer_installed_fails_loudly(monkeypatch):
    monkeypatch.setattr(trail, "_writer", None)
    with pytest.raises(ImproperlyConfigured):
        trail.record(actor=None, action="DELETE", summary="Old drafts purged: 0")


def test_the_installed_writer_is_given_every_field(monkeypatch):
    calls = []
    monkeypatch.setattr(trail, "_writer", None)
    trail.install(lambda **fields: calls.append(fields))
    trail.record(actor=None, action="UPDATE", person=7, summary="Plan: start", changes={"status": ["a", "b"]})
    assert calls == [
        {
            "actor": None,
            "action": "UPDATE",
            "person": 7,
            "obj": None,
            "summary": "Plan: start",
            "changes": {"status": ["a", "b"]},
            "reason": "",
        }
    ]
