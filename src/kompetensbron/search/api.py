"""``GET /api/v1/search``: the site search as JSON (the same result as the page)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kompetensbron.input_types import SearchText

from .schemas import SiteSearchResult
from .services import MAX_PER_KIND, PER_KIND, site_search

router = Router(tags=["search"])


class SearchQuery(Schema):
    q: SearchText = ""
    per_kind: int = Field(PER_KIND, ge=1, le=MAX_PER_KIND)


@router.get(
    "/search",
    response=SiteSearchResult,
    url_name="search",
    summary="Search occupations, regions, programmes, courses, activities, opportunities and housing projects",
)
def search(request: HttpRequest, params: Query[SearchQuery]):
    return site_search(query=params.q, actor=request.user, per_kind=params.per_kind)
