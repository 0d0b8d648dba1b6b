"""An authority's local practice standards, read from a setting with defaults, one way for
every stage: `plans.standards` (`HARBOUR_PROTECTION`) and `early_help.clocks`
(`HARBOUR_EARLY_HELP`) each declare their names and defaults and read them through
`configured`. Statutory timescales are not these: they are the table in `timescales.rules`."""

from collections.abc import Mapping

from django.conf import settings


def configured(setting: str, defaults: Mapping[str, int], name: str) -> int:
    """The authority's value of standard `name` in `settings.<setting>`, else its default."""
    values = getattr(settings, setting, {}) or {}
    return int(values.get(name, defaults[name]))
