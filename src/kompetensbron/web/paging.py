"""``Pager``: the one paging of a cut list (``?page=N``), rendered by ``includes/_pager.html``."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

MAX_PAGE = 10_000


def page_number(params: QueryDict, name: str = "page") -> int:
    """The 1-based page asked for; anything that is not a number in range is page 1."""
    raw = params.get(name, "1")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isdigit() else 1


@dataclass(frozen=True)
class Pager:
    """Where one page of ``count`` items lies, and the links to the neighbouring pages."""

    count: int
    page: int
    per_page: int
    params: QueryDict

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.count)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.per_page, self.count)

    def _url(self, page: int) -> str:
        params = self.params.copy()
        params["page"] = str(page)
        return "?" + params.urlencode()

    @property
    def previous_url(self) -> str | None:
        return self._url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self._url(self.page + 1) if self.page < self.pages else None

    @property
    def needed(self) -> bool:
        return self.pages > 1
