"""The one error hierarchy of Kompetensbron.

Library code raises these; the CLI turns them into a message and an exit code, the web
layer into a JSON body with a 4xx status. Nothing in the library calls ``sys.exit``.

::

    KompetensbronError                 base of every domain error
    ├── ConfigurationError             a setting is missing or invalid
    ├── DataError                      input data cannot be used (names file, line or key)
    │   ├── DataFileMissing            an expected data file does not exist
    │   ├── DataFileMalformed          a file cannot be parsed / lacks a required key
    │   └── IngestError                a record of a batch import is invalid
    ├── NotFound                       an identifier (code, concept id) is unknown
    │   └── UnknownConcept             an occupation / skill / education / region code
    ├── ValidationFailed               user input breaks a business rule (maps to HTTP 422)
    ├── PermissionDenied               the actor may not do this (maps to HTTP 403)
    ├── ConnectorError                 an online official API failed or answered oddly
    └── WarehouseUnavailable           the job-ad warehouse (DuckDB) cannot be read (HTTP 503)
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KompetensbronError",
    "ConfigurationError",
    "DataError",
    "DataFileMissing",
    "DataFileMalformed",
    "IngestError",
    "NotFound",
    "UnknownConcept",
    "ValidationFailed",
    "PermissionDenied",
    "ConnectorError",
    "WarehouseUnavailable",
]


class KompetensbronError(Exception):
    """Base class of every error the platform raises on purpose."""


class ConfigurationError(KompetensbronError):
    """A setting is missing or invalid."""


class DataError(KompetensbronError):
    """Input data cannot be used. Carries the file and, where known, line and key."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.key = key
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.key is not None:
            where.append(f"key {self.key!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class DataFileMissing(DataError):
    """An expected data file does not exist."""


class DataFileMalformed(DataError):
    """A data file cannot be parsed, is truncated, or lacks a required key."""


class IngestError(DataError):
    """One record of a batch import is invalid."""


class NotFound(KompetensbronError):
    """An identifier is unknown."""


def gettext_noop(text: str) -> str:
    """Marks a text for translation (found by ``makemessages``) without importing Django."""
    return text


#: the kinds of code an :class:`UnknownConcept` names, as shown to users (Swedish source text,
#: translated when the error is raised); a kind not listed is shown as it is
CONCEPT_KINDS = {
    "SSYK code": gettext_noop("SSYK-kod"),
    "SSYK-4 code": gettext_noop("SSYK-4-kod"),
    "SSYK-4 group": gettext_noop("SSYK-4-grupp"),
    "SSYK code rated by the Yrkesbarometer 1-year file": gettext_noop(
        "SSYK-kod med bedömning i Yrkesbarometerns ettårsfil"
    ),
    "course code": gettext_noop("kurskod"),
    "kommunkod": gettext_noop("kommunkod"),
    "länskod": gettext_noop("länskod"),
    "FA-kod": gettext_noop("FA-kod"),
    "FA-region code": gettext_noop("FA-kod"),
    "region kind": gettext_noop("regiontyp"),
    "region level": gettext_noop("regionnivå"),
    "measure": gettext_noop("mätvariabel"),
    "prognosis occupation": gettext_noop("yrkesbeteckning i prognosen"),
}


def _unknown_concept_message(kind: str, code: str) -> str:
    """ "Okänd SSYK-kod: '9999'" in the active language (English "Unknown SSYK code: '9999'");
    the plain English text where Django's translation is not set up (a bare library call)."""
    try:
        from django.utils.translation import gettext

        return gettext("Okänd %(kind)s: %(code)r") % {"kind": gettext(CONCEPT_KINDS.get(kind, kind)), "code": code}
    except Exception:  # no settings configured (a bare library call): the library's own English
        return f"unknown {kind}: {code!r}"


class UnknownConcept(NotFound):
    """An occupation, skill, education or region code is not in the reference data."""

    def __init__(self, kind: str, code: str) -> None:
        self.kind = kind
        self.code = code
        super().__init__(_unknown_concept_message(kind, code))


class ValidationFailed(KompetensbronError):
    """User input breaks a rule. ``errors`` maps field names to messages."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        self.errors = errors or {}
        super().__init__(message)


class PermissionDenied(KompetensbronError):
    """The actor may not perform this action."""


class ConnectorError(KompetensbronError):
    """An online official API failed, timed out or answered in an unexpected format."""


class WarehouseUnavailable(KompetensbronError):
    """The published job-ad warehouse cannot be read (a DuckDB error). Logged where it happens;
    never shown as "no data" (the API answers 503 with this message)."""
