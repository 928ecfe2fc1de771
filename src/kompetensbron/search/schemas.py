"""Typed results of the site search (the page, the htmx suggestions and the API share them)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class SearchKind(StrEnum):
    """What a hit is; the order here is the order of the groups on the page."""

    OCCUPATION = "occupation"
    REGION = "region"
    PROGRAMME = "programme"
    COURSE = "course"
    ACTIVITY = "activity"
    OPPORTUNITY = "opportunity"
    HOUSING_PROJECT = "housing_project"


class SearchHit(BaseModel):
    kind: SearchKind
    title: str
    detail: str = ""
    url: str


class SearchGroup(BaseModel):
    kind: SearchKind
    count: int
    hits: list[SearchHit]


class SiteSearchResult(BaseModel):
    query: str
    total: int
    groups: list[SearchGroup]
