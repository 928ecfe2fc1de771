"""The housing service layer: every change goes through here.

Functions are keyword-only (``actor=`` first), run in ``transaction.atomic``, check rights with
Samverkan's :func:`~kompetensbron.samverkan.permissions.require` (rules in
:mod:`kompetensbron.housing.permissions`), validate input and write Samverkan's audit record in
the same transaction. They raise :class:`~kompetensbron.errors.PermissionDenied`,
:class:`~kompetensbron.errors.ValidationFailed` or :class:`~kompetensbron.errors.NotFound`.
"""

from . import public
from .programmes import (
    create_programme,
    get_programme,
    list_programmes,
    programme_progress,
    set_kommun_target,
    update_programme,
)
from .projects import (
    change_status,
    create_project,
    get_project,
    list_projects,
    update_project,
)
from .queues import queue_series, set_queue_statistic

__all__ = [
    "change_status",
    "create_programme",
    "create_project",
    "get_programme",
    "get_project",
    "list_programmes",
    "list_projects",
    "programme_progress",
    "public",
    "queue_series",
    "set_kommun_target",
    "set_queue_statistic",
    "update_programme",
    "update_project",
]
