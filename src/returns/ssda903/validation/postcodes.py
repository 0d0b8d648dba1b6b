"""The postcode step of the SSDA903 rules, done once per process instead of every run.

The package merges each upload against its whole postcode table (about 2.6 million rows)
every run; here the table is loaded once per process, for the first letters needed, and
indexed by postcode. PL_LA, PL_LOCATION and PL_DISTANCE are derived with the package's own
formula (`lac_validator.datastore`), and rule 392c looks postcodes up through the index.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from django.db.models import Q
from django.db.models.functions import Substr, Upper

from looked_after.models import Placement
from people.models import Address

_lock = threading.Lock()
_postcodes: dict[str, Any] = {}


def postcode_table(letters: set[str]) -> Any:
    """The ONS postcode table for the given first letters, indexed by postcode without spaces,
    with the upper-tier LA of each; loaded once per process."""
    import pandas as pd

    with _lock:
        missing = {x for x in letters if x and x.isalpha()} - set(_postcodes.get("letters", set()))
        if missing or "frame" not in _postcodes:
            from lac_validator import datastore

            datastore.postcodes.load_postcodes(missing | set(_postcodes.get("letters", set())))
            frame = datastore.postcodes.dataframe[["pcd_abbr", "laua", "oseast1m", "osnrth1m"]]
            frame = frame.drop_duplicates("pcd_abbr").set_index("pcd_abbr")
            la = datastore.la_df[["LTLA21CD", "UTLA21CD"]].drop_duplicates("LTLA21CD").set_index("LTLA21CD")
            frame = frame.assign(laua=frame["laua"].astype(str))
            frame = frame.join(la, on="laua")
            _postcodes["frame"] = frame
            _postcodes["letters"] = set(_postcodes.get("letters", set())) | missing
            _postcodes["pd"] = pd
        return _postcodes["frame"]


def recorded_postcode_letters(year: int) -> set[str]:
    """The first letters of the postcodes of the placements in this year's or last year's
    return, and of the homes of the children placed (what `enrich` will look up)."""
    placements = Placement.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year - 2, 4, 1)))
    homes = Address.objects.filter(person_id__in=placements.values("person_id"))
    letters: set[str] = set()
    for rows in (placements, homes):
        letters.update(
            rows.annotate(letter=Upper(Substr("postcode", 1, 1))).values_list("letter", flat=True).distinct()
        )
    return {x for x in letters if x and x.isalpha()}


def loaded_postcode_letters() -> set[str]:
    """The first letters whose postcodes this process has loaded."""
    return set(_postcodes.get("letters", set()))


def enrich(episodes: Any, local_authority: str) -> Any:
    """PL_LA, PL_LOCATION and PL_DISTANCE, as `lac_validator.datastore._add_postcode_derived_fields`."""
    import numpy as np
    import pandas as pd

    episodes = episodes.copy()
    home = episodes["HOME_POST"].astype("object").str.upper().str.replace(" ", "")
    place = episodes["PL_POST"].astype("object").str.upper().str.replace(" ", "")
    letters = set(home.dropna().str[:1]) | set(place.dropna().str[:1])
    table = postcode_table(letters)
    home_d = table.reindex(home.fillna("").values)
    pl_d = table.reindex(place.fillna("").values)
    home_d.index = episodes.index
    pl_d.index = episodes.index
    episodes["PL_LA"] = pl_d["UTLA21CD"]
    episodes["PL_LOCATION"] = "IN"
    episodes.loc[episodes["PL_LA"].ne(local_authority), "PL_LOCATION"] = "OUT"
    laua = pl_d["laua"].where(pl_d["laua"].notna() & (pl_d["laua"] != "nan"))
    episodes.loc[laua.isna(), "PL_LOCATION"] = pd.NA
    for letter, code in {"S": "SCO", "N": "NIR", "W": "WAL"}.items():
        mask = laua.fillna("").str.upper().str.startswith(letter) & episodes["PL_POST"].notnull()
        episodes.loc[mask, ["PL_LA", "PL_LOCATION"]] = [code, "OUT"]
    distance = (
        np.sqrt((home_d["oseast1m"] - pl_d["oseast1m"]) ** 2 + (home_d["osnrth1m"] - pl_d["osnrth1m"]) ** 2)
        / 1000
        / 1.6093
    )
    episodes["PL_DISTANCE"] = distance.round(decimals=1)
    return episodes


def rule_392c(dfs: dict[str, Any]) -> dict[str, list[Any]]:
    """Rule 392c ("Postcode(s) provided are invalid") as the package writes it, with the
    postcode table looked up through the index loaded once, instead of a merge with the whole
    table on every run (which costs seconds)."""
    import pandas as pd

    if "Episodes" not in dfs:
        return {}
    episodes = dfs["Episodes"]
    home = episodes["HOME_POST"].astype("object").str.upper().str.replace(" ", "")
    place = episodes["PL_POST"].astype("object").str.upper().str.replace(" ", "")
    table = postcode_table(set(home.dropna().str[:1]) | set(place.dropna().str[:1]))
    # get_indexer uses the index's hash table, built once; isin would hash 2.6 million rows again.
    home_valid = pd.Series(table.index.get_indexer(home.fillna("").values) >= 0, index=episodes.index)
    pl_valid = pd.Series(table.index.get_indexer(place.fillna("").values) >= 0, index=episodes.index)
    error_mask = (episodes["HOME_POST"].notna() & ~home_valid) | (episodes["PL_POST"].notna() & ~pl_valid)
    return {"Episodes": episodes.index[error_mask].tolist()}
