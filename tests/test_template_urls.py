"""The templates' `url()` fills in a path's pattern for whole-number arguments: it must give
what `reverse` gives for every path in Harbour, and fall back to `reverse` otherwise."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from core.links import url


def _named_paths(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_paths(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", dict(getattr(entry.pattern, "converters", {}))


def test_every_path_with_whole_number_arguments_is_the_same_as_reverse_gives():
    checked = 0
    for name, converters in _named_paths():
        if not converters or any(type(c).__name__ != "IntConverter" for c in converters.values()):
            continue
        for value in (0, 7, 123456789):
            args = [value + i for i in range(len(converters))]
            try:
                expected = reverse(name, args=args)
            except NoReverseMatch:
                continue  # a name shared by paths of other shapes
            assert url(name, *args) == expected, name
        checked += 1
    assert checked > 100


def test_other_arguments_go_to_reverse():
    assert url("permanence:adoption_step", 12, "matched") == reverse(
        "permanence:adoption_step", args=[12, "matched"]
    )
    assert url("people:detail", person_id=12) == reverse("people:detail", kwargs={"person_id": 12})
    assert url("workforce:my_work") == reverse("workforce:my_work")
    with pytest.raises(NoReverseMatch):
        url("people:detail", -1)  # not a path: refused as reverse refuses it
    with pytest.raises(NoReverseMatch):
        url("people:detail", True)
