"""Test helpers for the stages whose plans share the plans module."""

from datetime import date

# A SMART action: what, who (a person and their agency), by when, and the need it serves.
SMART = {
    "what": "Attend school daily",
    "who_person": "Amelia's mum",
    "who_agency": "Family",
    "by_when": date(2025, 7, 1),
    "serves": "Education",
}
