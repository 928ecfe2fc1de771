"""The bounded input types, asserted on the examples of their docstring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from kompetensbron.input_types import Id, Line, Money, SearchText, Text, Url, Year, is_safe_url


@pytest.mark.parametrize(
    "kind, good, bad",
    [
        (Id, [1, 2**63 - 1], [0, -1, 2**63]),
        (Year, [1900, 2025, 2100], [0, 1899, 2101, 2**63]),
        (
            Money,
            [Decimal("999999999999.99"), Decimal("-5"), 0],
            [2**63, Decimal("1e12"), Decimal("1.005"), Decimal("NaN"), "Infinity"],
        ),
        (Line, ["Region Västernorrland", "x" * 255], ["x" * 256, "A\ud800B", "a\x00b"]),
        (Text, ["x" * 20_000], ["x" * 20_001, "\udfff"]),
        (SearchText, ["sjuksköterska"], ["x" * 201]),
        (
            Url,
            ["", "https://example.se", "http://example.se/a?b=c"],
            [
                "javascript:alert(1)",
                "JAVASCRIPT:alert(1)",
                "java\tscript:alert(1)",
                " javascript:x",
                "data:text/html,x",
                "mailto:a@b.se",
                "//evil.example",
                "https://",
                "x" * 201,
            ],
        ),
    ],
)
def test_bounds(kind, good, bad):
    adapter = TypeAdapter(kind)
    for value in good:
        adapter.validate_python(value)
    for value in bad:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_link_schemes_for_rendering():
    assert is_safe_url("mailto:avtal@example.se", ("http", "https", "mailto"))
    assert not is_safe_url("mailto:", ("http", "https", "mailto"))
    assert not is_safe_url("javascript:alert(1)", ("http", "https", "mailto"))
