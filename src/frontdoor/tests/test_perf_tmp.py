import time
from datetime import date

import pytest

from demo.generator import generate
from demo.stages import StageContext
from early_help import demo_stage as eh
from frontdoor import demo_stage as fd
from frontdoor.models import Contact, ContactChild, Referral
from early_help.models import EarlyHelpEpisode


@pytest.mark.django_db(transaction=True)
def test_perf(monkeypatch):
    monkeypatch.setattr("demo.generator.run_stages", lambda **kwargs: None, raising=False)
    t = time.perf_counter()
    generate(children=2000, seed=3, as_of=date(2026, 1, 15))
    t1 = time.perf_counter()
    fd.run(StageContext(seed=3, as_of=date(2026, 1, 15), stage="frontdoor"))
    t2 = time.perf_counter()
    eh.run(StageContext(seed=3, as_of=date(2026, 1, 15), stage="early_help"))
    t3 = time.perf_counter()
    print(f"\nbase {t1-t:.1f}s frontdoor {t2-t1:.1f}s early_help {t3-t2:.1f}s contacts {Contact.objects.count()} links {ContactChild.objects.count()} referrals {Referral.objects.count()} eh {EarlyHelpEpisode.objects.count()}")
