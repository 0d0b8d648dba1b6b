"""The performance pages: who sees what (a worker their own figures, a manager their team's,
performance staff everyone's), the drill-down to the children, restricted children counted
but not named, targets and the population, and the downloads."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from people.models import RecordRestriction
from performance.catalogue import CATALOGUE
from performance.models import Target
from workforce.models import Allocation

from . import rows

PERIOD = "year:2026"


@pytest.fixture
def borough(db, make_user, team, social_worker, team_manager):
    """Two teams: the fixture team (manager and worker A, with Ava and a restricted child)
    and a second team (worker B, with Ben). Each child referred in 2025-26."""
    team.manager = team_manager
    team.save()
    other = Team.objects.create(name="Children in Care Team", kind=TeamKind.CHILDREN_IN_CARE)
    worker_b = make_user(Role.SOCIAL_WORKER, "worker.b", team=other)
    ava = rows.child(social_worker, "Ava")
    secret = rows.child(social_worker, "Sam")
    ben = rows.child(social_worker, "Ben")
    for person, worker, where in (
        (ava, social_worker, team),
        (secret, social_worker, team),
        (ben, worker_b, other),
    ):
        rows.referral(person, social_worker, date(2025, 6, 2), nfa=person is ben)
        Allocation.objects.create(person=person, worker=worker, team=where, role="SOCIAL_WORKER",
                                  start_date=date(2025, 6, 1), start_reason="FCONTA")  # fmt: skip
    RecordRestriction.objects.create(person=secret, reason="EMPLOYEE", manager=team_manager)
    return {"team": team, "other": other, "worker_b": worker_b, "ava": ava, "secret": secret, "ben": ben}


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"performance:{name}", args=args), {"period": PERIOD, **query})


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.AUDITOR, Role.PARTNER, Role.IRO, Role.ADMIN])
def test_roles_without_the_permission_are_refused(client, make_user, borough, role):
    user = make_user(role, f"no.{role.value}")
    assert _get(client, user, "index").status_code == 403
    assert _get(client, user, "indicator", "referrals").status_code == 403


def test_performance_staff_see_the_authority_by_team(client, analyst, borough):
    page = _get(client, analyst, "index")
    assert page.status_code == 200
    assert "for the authority" in page.content.decode()
    detail = _get(client, analyst, "indicator", "referrals")
    text = detail.content.decode()
    assert "<strong>3</strong>" in text
    assert "By team" in text and "Children in Care Team" in text and "Assessment Team 1" in text
    assert "<svg" in text and "Referrals by month" in text  # the chart and its table


def test_a_manager_sees_their_team_s_figures_and_not_another_team(client, team_manager, borough):
    detail = _get(client, team_manager, "indicator", "referrals").content.decode()
    assert "<strong>2</strong>" in detail and "By worker" in detail
    assert _get(client, team_manager, "team", "referrals", borough["other"].pk).status_code == 403
    assert _get(client, team_manager, "worker", "referrals", borough["worker_b"].pk).status_code == 403
    mine = _get(client, team_manager, "team", "referrals", borough["team"].pk)
    assert mine.status_code == 200


def test_a_worker_sees_their_own_children_only(client, social_worker, borough):
    detail = _get(client, social_worker, "indicator", "referrals").content.decode()
    assert "<strong>2</strong>" in detail
    assert "Ava Hand" in detail and "Ben Hand" not in detail
    assert _get(client, social_worker, "worker", "referrals", borough["worker_b"].pk).status_code == 403
    assert _get(client, social_worker, "worker", "referrals", social_worker.pk).status_code == 200


def test_the_drill_down_counts_a_restricted_child_but_names_them_only_to_who_may_open_the_record(
    client, analyst, team_manager, social_worker, borough
):
    as_analyst = _get(client, analyst, "worker", "referrals", social_worker.pk).content.decode()
    assert "<strong>2</strong>" in as_analyst
    assert "Ava Hand" in as_analyst and reverse("people:detail", args=[borough["ava"].pk]) in as_analyst
    assert "Sam Hand" not in as_analyst and "Restricted record" in as_analyst
    assert reverse("people:detail", args=[borough["secret"].pk]) not in as_analyst
    as_manager = _get(client, team_manager, "worker", "referrals", social_worker.pk).content.decode()
    assert "Sam Hand" in as_manager  # the restriction's manager may open it


def test_the_csv_neutralises_formulae_and_the_excel_opens(client, analyst, social_worker, borough):
    ava = borough["ava"]
    ava.given_name = "=HYPERLINK(1)"
    ava.save()
    csv = _get(client, analyst, "worker", "referrals", social_worker.pk, format="csv")
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode()
    assert "'=HYPERLINK(1) Hand" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
    xlsx = _get(client, analyst, "index", format="xlsx")
    sheet = load_workbook(__import__("io").BytesIO(xlsx.content)).active
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "Referrals" in titles


def test_performance_staff_set_a_target_and_the_page_shows_it_with_who_and_rag(client, analyst, borough):
    client.force_login(analyst)
    url = reverse("performance:set_target", args=["referrals_nfa"])
    assert client.post(url, {"target": "20", "tolerance": "10"}).status_code == 302
    target = Target.objects.get()
    assert (target.target, target.tolerance, target.set_by) == (Decimal("20.0"), Decimal("10.0"), analyst)
    text = _get(client, analyst, "indicator", "referrals_nfa").content.decode()
    assert "set by" in text and "Off target" in text  # 1 of 3 is 33.3%, more than 10 above a 20% target
    bad = client.post(url, {"target": "", "tolerance": "-1"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()


def test_only_performance_staff_set_targets_and_populations(client, team_manager, borough):
    client.force_login(team_manager)
    assert (
        client.post(
            reverse("performance:set_target", args=["referrals"]), {"target": "1", "tolerance": "0"}
        ).status_code
        == 403
    )
    assert client.get(reverse("performance:population")).status_code == 403


def test_the_population_page_records_a_year_that_rates_then_use(client, analyst, borough):
    client.force_login(analyst)
    answer = client.post(
        reverse("performance:population"), {"year": "2026", "population": "3000", "source": "ONS mid-2025"}
    )
    assert answer.status_code == 302
    text = _get(client, analyst, "indicator", "referrals_rate").content.decode()
    assert "<strong>10.0</strong>" in text  # 3 referrals per 3,000 children


def test_an_unknown_period_or_indicator(client, analyst, borough):
    client.force_login(analyst)
    assert client.get(reverse("performance:index"), {"period": "decade:2020"}).status_code == 400
    assert _get(client, analyst, "indicator", "no_such_thing").status_code == 404


def test_who_is_counted_by_sex_age_ethnicity_and_disability(client, analyst, borough):
    text = _get(client, analyst, "indicator", "referrals").content.decode()
    assert "Who is counted" in text and "Female" in text and "10 to 15" in text and "White" in text
    csv = _get(client, analyst, "indicator", "referrals", table="equality", format="csv").content.decode()
    assert (
        "Sex,Female,3,100.0" in csv and "Age,10 to 15,3,100.0" in csv
    )  # three girls born 2014, referred June 2025


def test_the_monthly_report_is_a_pdf_of_every_indicator_for_the_user_s_scope(
    client, analyst, social_worker, borough
):
    from casework.tests.pdf import pdf_text

    client.force_login(analyst)
    answer = client.get(reverse("performance:report"), {"month": "2025-06"})
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Performance report: June 2025" in text and "Referrals" in text and "the authority" in text
    # Each indicator's trend drawn as the page draws it, with the words that describe it: the
    # chart's own month labels are drawn in the PDF, under each family's heading.
    assert "Contacts and referrals: the last 13 months" in text
    assert "Referrals: the 13 months to June 2025." in text and "From 0 in Jun 24" in text
    assert text.count("Jun 25") >= len(CATALOGUE.indicators)
    client.force_login(social_worker)
    assert "your children" in pdf_text(client.get(reverse("performance:report")).content)


DFE_CSV = (
    "time_period,time_identifier,geographic_level,country_code,country_name,la_name,rate_per_10000\n"
    "2023,Reporting year,National,E92000001,England,,54.0\n"
    "2024,Reporting year,National,E92000001,England,,52.1\n"
    "2024,Reporting year,Local authority,E92000001,England,Harbourside,c\n"
)


def test_performance_staff_load_an_england_figure_from_a_dfe_file(client, analyst, borough):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(analyst)
    url = reverse("performance:comparators")
    upload = SimpleUploadedFile("cin_rates.csv", DFE_CSV.encode(), content_type="text/csv")
    answer = client.post(url, {"indicator": "cp_plans_rate", "column": "rate_per_10000", "file": upload})
    assert answer.status_code == 302
    text = _get(client, analyst, "indicator", "cp_plans_rate").content.decode()
    assert "52.1 (2024; DfE open data: cin_rates.csv, column rate_per_10000)" in text
    wrong = SimpleUploadedFile("cin_rates.csv", DFE_CSV.encode(), content_type="text/csv")
    bad = client.post(url, {"indicator": "cp_plans_rate", "column": "no_such_column", "file": wrong})
    assert bad.status_code == 400 and "The file has no column no_such_column" in bad.content.decode()


REGIONAL_CSV = (
    "time_period,geographic_level,region_name,la_name,rate_per_10000\n"
    "2025,National,,,41.0\n2025,Regional,North West,,47.3\n"
    "2025,Local authority,North West,Blackpool,60.0\n2025,Local authority,North West,Bolton,40.0\n"
)


def test_region_and_statistical_neighbours_show_beside_england_once_loaded(client, analyst, borough):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(analyst)
    assert "Statistical neighbours" not in _get(client, analyst, "index").content.decode()
    url = reverse("performance:comparators")
    for kind, area in (("REGION", "North West"), ("NEIGHBOURS", "Blackpool, Bolton")):
        upload = SimpleUploadedFile("cp.csv", REGIONAL_CSV.encode(), content_type="text/csv")
        answer = client.post(
            url,
            {
                "indicator": "cp_plans_rate",
                "column": "rate_per_10000",
                "file": upload,
                "kind": kind,
                "area": area,
            },
        )
        assert answer.status_code == 302
    page = _get(client, analyst, "index").content.decode()
    assert "Region</th>" in page and "Statistical neighbours</th>" in page
    assert "47.3 (2025)" in page and "50 (2025)" in page
    detail = _get(client, analyst, "indicator", "cp_plans_rate").content.decode()
    assert "North West" in detail and "Blackpool, Bolton" in detail
    missing = SimpleUploadedFile("cp.csv", REGIONAL_CSV.encode(), content_type="text/csv")
    bad = client.post(
        url, {"indicator": "cp_plans_rate", "column": "rate_per_10000", "file": missing, "kind": "REGION"}
    )
    assert bad.status_code == 400 and "Enter the region" in bad.content.decode()


@pytest.mark.parametrize("who", ["analyst", "team_manager"])
def test_an_indicators_line_is_the_same_on_the_overview_and_its_own_page(
    client, analyst, team_manager, borough, who
):
    """The RAG status against the target, the direction of travel and the comparators come
    from one rule, whether everyone's figures are counted or a team's made from its rows."""
    from performance import pages
    from performance.periods import parse

    client.force_login(analyst)
    client.post(
        reverse("performance:set_target", args=["referrals_nfa"]), {"target": "20", "tolerance": "10"}
    )
    user = {"analyst": analyst, "team_manager": team_manager}[who]
    period = parse(PERIOD, date(2026, 6, 1))
    _, families = pages.overview(user, period)
    [listed] = [line for f in families for line in f.lines if line.indicator.id == "referrals_nfa"]
    shown = pages.detail(user, CATALOGUE.indicators["referrals_nfa"], period).line

    def facts(line):
        return (line.figure.value, line.target, line.rag, line.england, line.direction, line.before.value)

    assert facts(listed) == facts(shown)
    assert listed.target is not None and listed.rag
