"""The Jinja2 environment: GOV.UK Frontend macros plus Harbour's globals and filters."""

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from core import presenters
from core.extensions import nav_items
from core.forms import error_list, govuk_field_params

# An id no path holds otherwise, put where a record's id goes to find the path's pattern once.
_SLOT = 987654321012


@lru_cache(maxsize=4096)
def _pattern(name: str, arity: int, prefix: str, urlconf: str | None) -> tuple[str, ...] | None:  # noqa: ARG001
    """The path of view `name` cut where each of `arity` whole-number arguments goes, or None
    when a path cannot be filled that way (an argument its converter rewrites or restricts)."""
    try:
        path = reverse(name, args=[_SLOT + i for i in range(arity)])
    except NoReverseMatch:
        return None
    pieces: list[str] = []
    for i in range(arity):
        before, slot, path = path.partition(str(_SLOT + i))
        if not slot or str(_SLOT) in before:
            return None
        pieces.append(before)
    return (*pieces, path)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """`reverse` for templates. A page can link hundreds of records (a caseload, a worklist):
    for whole-number arguments, the path's pattern is found once and filled in."""
    if args and not kwargs and all(type(a) is int and a >= 0 for a in args):
        pattern = _pattern(name, len(args), get_script_prefix(), get_urlconf())
        if pattern is not None:
            return "".join(p + str(a) for p, a in zip(pattern, args, strict=False)) + pattern[-1]
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    base_loader = options.pop("loader", None)
    loaders = [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    if base_loader is not None:
        loaders.insert(0, base_loader)
    extensions = list(options.pop("extensions", [])) + ["jinja2.ext.do"]
    env = Environment(loader=ChoiceLoader(loaders), extensions=extensions, **options)  # noqa: S701 - autoescape=True comes in options
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "authority": settings.HARBOUR_AUTHORITY,
            "field_params": govuk_field_params,
            "form_error_list": error_list,
            "nav_items": nav_items,
        }
    )
    env.filters.update(presenters.FILTERS)
    return env
