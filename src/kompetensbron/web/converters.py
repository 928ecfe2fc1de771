"""Path converters with the same bounds as the API (:mod:`kompetensbron.input_types`).

``<id:pk>`` matches a primary key 1 … 2⁶³−1 and ``<year:year>`` a year 1900 … 2100; anything
else is no match (404) instead of a database overflow (500). Importing this module registers
them; every ``urls.py`` that uses them imports it.
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import get_converters

from kompetensbron.input_types import MAX_ID, YEAR_MAX, YEAR_MIN

__all__ = ["IdConverter", "YearConverter"]


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not YEAR_MIN <= number <= YEAR_MAX:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


if "id" not in get_converters():
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
