"""Bounded input types: every number, text and URL that enters through the API or a form.

One owner for the limits the database columns hold, so that an input the column cannot take is
refused with 422 where it enters instead of breaking the write (or, worse, every later read)
with a 500. The pydantic types (``Annotated``) are used by the ninja schemas and route
signatures of every app; the ``*_FORM`` helpers give Django form fields the same bounds.

Rules, by example::

    Id           1 … 2⁶³−1            (BigAutoField); 9223372036854775808 → 422
    Count        −(2³¹−1) … 2³¹−1    (PositiveIntegerField on every database; the services
                                      still refuse negatives with their own message)
    Year         1900 … 2100          report year 0 or 2⁶³ → 422
    Money        14 digits, 2 decimals (DecimalField(max_digits=14, decimal_places=2)):
                                      9223372036854775808 → 422, 123456789012.34 → fine
    Line         ≤ 255 characters, no lone surrogates ("\\ud800" → 422) and no NUL
    Text         ≤ 20 000 characters, no lone surrogates
    Url          ≤ 200 characters, http(s) only: "javascript:alert(1)" → 422, and so is
                 "mailto:" (no URL field holds an e-mail link; a rendered link may be one,
                 see LINK_SCHEMES and samverkan_tags.safe_href)
    SearchText   ≤ 200 characters (a search box, not a document)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from pydantic import AfterValidator, Field, StringConstraints

__all__ = [
    "MAX_ID",
    "MAX_INT",
    "MAX_LINE",
    "MAX_TEXT",
    "MAX_URL",
    "MAX_SEARCH",
    "YEAR_MIN",
    "YEAR_MAX",
    "WEB_SCHEMES",
    "LINK_SCHEMES",
    "Id",
    "Count",
    "Year",
    "Money",
    "Credits",
    "Line",
    "Code",
    "Text",
    "Url",
    "SearchText",
    "bounded_line",
    "no_surrogates",
    "safe_url",
    "is_safe_url",
    "form_no_surrogates",
    "form_safe_url",
    "validate_web_url",
    "BoundedFormMixin",
]

MAX_ID = 2**63 - 1  # BigAutoField
MAX_INT = 2**31 - 1  # IntegerField / PositiveIntegerField on PostgreSQL (SQLite holds more)
MAX_LINE = 255  # CharField(max_length=255)
MAX_TEXT = 20_000  # TextField: a long description, not a file
MAX_URL = 200  # URLField's default max_length
MAX_SEARCH = 200
YEAR_MIN, YEAR_MAX = 1900, 2100
WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = ("http", "https", "mailto")

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

NO_SURROGATES = "Texten innehåller ogiltiga tecken (NUL eller ensamma surrogattecken)."
UNSAFE_URL = "Endast länkar som börjar med {} är tillåtna."


def no_surrogates(value: str) -> str:
    """Refuse lone UTF-16 surrogates (no encoder can store them) and NUL (PostgreSQL cannot)."""
    if _UNSTORABLE.search(value):
        raise ValueError(NO_SURROGATES)
    return value


def is_safe_url(value: str, schemes: tuple[str, ...] = WEB_SCHEMES) -> bool:
    """True for an empty value or an absolute URL whose scheme is one of ``schemes``.

    Browsers ignore tabs and newlines inside a scheme ("java\\tscript:"), so any control
    character or whitespace refuses the URL outright.
    """
    if value == "":
        return True
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme.lower() not in schemes:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path) and "@" in parts.path
    return bool(parts.netloc)


def _url_checker(schemes: tuple[str, ...]):
    def check(value: str) -> str:
        value = value.strip()
        if not is_safe_url(value, schemes):
            raise ValueError(UNSAFE_URL.format(" eller ".join(f"{s}:" for s in schemes)))
        return value

    return check


safe_url = _url_checker(WEB_SCHEMES)


def bounded_line(max_length: int) -> type[str]:
    """A one-line text of at most ``max_length`` characters (a CharField of that length)."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(no_surrogates)]  # type: ignore[return-value]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2, allow_inf_nan=False)]
Credits = Annotated[Decimal, Field(max_digits=6, decimal_places=1, allow_inf_nan=False)]  # Programme.credits
Line = bounded_line(MAX_LINE)
Code = bounded_line(32)
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(no_surrogates)]
Url = Annotated[str, StringConstraints(max_length=MAX_URL), AfterValidator(no_surrogates), AfterValidator(safe_url)]
SearchText = Annotated[str, StringConstraints(max_length=MAX_SEARCH), AfterValidator(no_surrogates)]


# ------------------------------------------------------------------ Django form validators


def _form(check):
    def validator(value) -> None:
        if value in (None, ""):
            return
        try:
            check(str(value))
        except ValueError as exc:
            raise DjangoValidationError(str(exc), code="invalid") from None

    return validator


#: validators for Django form fields, the same rules as the pydantic types above
form_no_surrogates = _form(no_surrogates)
form_safe_url = _form(safe_url)


def validate_web_url(value: str) -> None:
    """Model-field validator (importable by migrations): http(s) only."""
    form_safe_url(value)


class BoundedFormMixin:
    """A Django form whose every text field is bounded and refuses lone surrogates.

    Text fields without a ``max_length`` (a model ``TextField``) get :data:`MAX_TEXT`, and
    integer fields without a ``max_value`` get :data:`MAX_INT`, so a form refuses what the API
    refuses.
    """

    def __init__(self, *args, **kwargs):
        from django import forms
        from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.CharField):
                if field.max_length is None:
                    field.max_length = MAX_TEXT
                    field.validators.append(MaxLengthValidator(MAX_TEXT))
                    field.widget.attrs.setdefault("maxlength", str(MAX_TEXT))
                field.validators.append(form_no_surrogates)
            elif isinstance(field, forms.IntegerField):
                if field.max_value is None:
                    field.max_value = MAX_INT
                    field.validators.append(MaxValueValidator(MAX_INT))
                if field.min_value is None:
                    field.validators.append(MinValueValidator(-MAX_INT))
