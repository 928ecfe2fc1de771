"""Rows stored with amounts beyond the column (before the API bounded them) are repaired by
migration 0002, after which the pages that read them answer again (issue 8, item 1)."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import FundingApplication, IndicatorYear
from kompetensbron.samverkan.schemas import FundingCreate, IndicatorCreate, IndicatorYearIn

repair = importlib.import_module("kompetensbron.samverkan.migrations.0002_repair_out_of_range_amounts").repair


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite ever stored such values (PostgreSQL refuses them)"
)
def test_out_of_range_rows_are_repaired_and_pages_answer_again(world):
    activity = world.decided(title="Trasig")
    funding = services.create_funding_application(
        actor=world.wg_member,
        activity=activity,
        data=FundingCreate(funder="Vinnova", amount_applied=100, note="Första"),
    )
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Praktik")
    )
    row = services.set_indicator_year(
        actor=world.coordinator, indicator=indicator, year=2025, data=IndicatorYearIn(target=5, value=3)
    )
    with connection.cursor() as cursor:  # what the unbounded API used to store
        cursor.execute(
            "UPDATE samverkan_fundingapplication SET amount_applied = 9223372036854775808 WHERE id = %s", [funding.pk]
        )
        cursor.execute("UPDATE samverkan_indicatoryear SET value = 1e20 WHERE id = %s", [row.pk])
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    report = f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/"
    assert client.get(report).status_code == 500  # the defect the migration repairs

    repair(apps, None)

    funding = FundingApplication.objects.get(pk=funding.pk)
    assert funding.amount_applied == Decimal("0") and funding.note.startswith("Första\nBeloppet var större")
    assert IndicatorYear.objects.get(pk=row.pk).value is None and IndicatorYear.objects.get(pk=row.pk).target == 5
    assert client.get(report).status_code == 200
    assert client.get(f"/samverkan/aktiviteter/{activity.pk}/").status_code == 200
