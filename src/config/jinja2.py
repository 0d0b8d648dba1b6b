"""The Jinja2 environment: GOV.UK Frontend macros plus Harbour's globals and filters."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from core import presenters
from core.extensions import nav_items
from core.forms import error_list, govuk_field_params
from core.links import url
from people.record_header import child_summary


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
            "counted": presenters.counted,
            "child_summary": child_summary,
        }
    )
    env.filters.update(presenters.FILTERS)
    return env
