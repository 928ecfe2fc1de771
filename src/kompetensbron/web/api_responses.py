"""The response maps of the JSON API's routes: the answer and the errors a route may give.

Every refusal is an :class:`ErrorOut` (401 not logged in, 403 refused, 404 unknown, 422 invalid);
``ok(Model)`` is a route that answers 200 with a ``Model``, ``created(Model)`` one that answers 201.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema

__all__ = ["ERRORS", "ErrorOut", "created", "ok"]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] = {}


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def ok(model: Any) -> dict[int, Any]:
    return {200: model, **ERRORS}


def created(model: Any) -> dict[int, Any]:
    return {201: model, **ERRORS}
