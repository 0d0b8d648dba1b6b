"""The generator's building blocks, without a database: identifiers, places and names."""

import random
from datetime import date

from faker import Faker
from stdnum.gb import nhs, upn

from demo.identifiers import FALLBACK_UPN_LA, IdentifierIssuer, nhs_check_digit, upn_la_code
from demo.names import HERITAGES, ORIGINS, gendered
from demo.places import (
    NEIGHBOURS,
    AddressBook,
    area_postcodes,
    borough_name,
    placement_postcode,
    placement_urn,
)
from people.validators import normalise_postcode, validate_nhs_number, validate_upn


def test_nhs_check_digit_matches_the_modulus_11_rule():
    assert nhs_check_digit("943476587") == 0  # 943 476 5870 is the NHS's own example
    assert all(
        nhs.is_valid(f"{n}{nhs_check_digit(n)}")
        for n in ("999000001", "999123456")
        if nhs_check_digit(n) is not None
    )


def test_upn_la_code_uses_a_stand_in_when_the_authority_code_is_not_a_real_la():
    assert upn_la_code({"la_code": "999"}) == FALLBACK_UPN_LA
    assert upn_la_code({"la_code": "352"}) == "352"
    assert upn_la_code({"la_code": "999", "upn_la_code": "383"}) == "383"


def test_issued_identifiers_are_unique_and_pass_harbours_own_validators():
    issuer = IdentifierIssuer(random.Random(1), upn_la_code({"la_code": "999"}))
    numbers = [issuer.nhs_number() for _ in range(2000)]
    upns = [issuer.upn(2015) for _ in range(2000)]

    assert len(set(numbers)) == len(numbers) and len(set(upns)) == len(upns)
    assert all(n.startswith("999") and validate_nhs_number(n) == n for n in numbers)
    assert all(validate_upn(u) == u and int(u[4:8]) < 1000 for u in upns)
    assert upn.is_valid(upns[0]) and issuer.swe_number().startswith("SW")


def test_borough_name_drops_the_council_words():
    assert borough_name("Harbourside Metropolitan Borough Council") == "Harbourside"
    assert borough_name("City of Leeds Council") == "Leeds"


def test_address_book_postcodes_are_real_ones_of_the_borough_area():
    rng = random.Random(3)
    fake = Faker("en_GB")
    fake.seed_instance(3)
    book = AddressBook(rng, fake, "Harbourside", streets=200)
    addresses = [book.home(date(2024, 1, 1)) for _ in range(500)]
    borough = set(area_postcodes("E06000001"))  # the default gss_code's area (Hartlepool)

    assert all(a.postcode in borough and normalise_postcode(a.postcode) == a.postcode for a in addresses)
    assert {a.town for a in addresses} >= {"Harbourside", "Saltmoor"}
    assert len({a.postcode.split()[0] for a in addresses}) > 1  # townships in different districts


def test_placement_postcodes_in_and_out_of_the_area():
    rng = random.Random(5)
    borough = set(area_postcodes("E06000001"))
    neighbours = {pc for code in NEIGHBOURS for pc in area_postcodes(code)}

    assert all(placement_postcode(rng, in_area=True) in borough for _ in range(50))
    assert all(placement_postcode(rng, in_area=False) in neighbours for _ in range(50))
    assert placement_urn(rng, "P1") == "" and placement_urn(rng, "T2") == ""
    assert placement_urn(rng, "U4").startswith("SC")


def test_origins_cover_the_dfe_codes_with_most_families_white_british():
    codes = {o.children_ethnicity or HERITAGES[o.mother].ethnicity for o in ORIGINS}
    white_british = sum(
        o.weight for o in ORIGINS if o.mother == o.father == "british" and not o.children_ethnicity
    )

    assert codes >= {"WBRI", "WOTH", "APKN", "BAFR", "MWBC", "CHNE", "OOTH", "NOBT"}
    assert 75 <= white_british / sum(o.weight for o in ORIGINS) * 100 <= 85


def test_polish_family_names_take_the_feminine_form():
    polish = HERITAGES["polish"]
    assert gendered("Kowalski", "F", polish) == "Kowalska"
    assert gendered("Kowalski", "M", polish) == "Kowalski"
    assert gendered("Nowak", "F", polish) == "Nowak"
