"""Harbour's PostgreSQL connections run without the JIT compiler (config.settings.base): its
compiling cost more than it saved on the set-based reads of a large authority."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_run_without_the_jit_compiler():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
