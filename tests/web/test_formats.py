"""The site's date formats (``web/formats``): unambiguous English dates, ISO input accepted."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import translation
from django.utils.formats import date_format

DAY = datetime.date(2025, 3, 12)


def test_english_dates_put_the_day_first():
    with translation.override("en"):
        assert date_format(DAY) == "12 March 2025"
        assert date_format(DAY, "SHORT_DATE_FORMAT") == "12 Mar 2025"
    with translation.override("sv"):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == "2025-03-12"


def test_forms_still_accept_iso_dates_in_both_languages():
    for lang in ("sv", "en"):
        with translation.override(lang):
            field = forms.DateField()
            assert field.clean("2025-03-12") == DAY, lang
            assert forms.DateInput().format_value(DAY) == "2025-03-12", lang
