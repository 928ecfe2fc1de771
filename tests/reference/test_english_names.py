"""English occupation names from ESCO (issue 14, item 5): exact matches of Sweden's ESCO ↔ JobTech
mapping give an occupation-name the ESCO occupation's English label; the occupation page shows
it in English, the JSON carries it."""

from __future__ import annotations

import pytest

from kompetensbron.reference import models as m
from kompetensbron.reference.english_names import english_names_from, english_occupation_names
from kompetensbron.sources.esco_occupations import EscoOccupation, EscoOccupationLink

ESCO = "http://data.europa.eu/esco/occupation/"


def test_only_exact_and_unambiguous_matches_name_an_occupation():
    occupations = [
        EscoOccupation(ESCO + "a", "2511", "data scientist", ()),
        EscoOccupation(ESCO + "b", "2511", "data analyst", ()),
        EscoOccupation(ESCO + "c", "2221", "nurse responsible for general care", ()),
    ]
    links = [
        EscoOccupationLink(ESCO + "a", "dataforskare", "J1", "Data scientist", "skos:exactMatch"),
        EscoOccupationLink(ESCO + "b", "dataanalytiker", "J2", "Dataanalytiker", "skos:closeMatch"),
        EscoOccupationLink(ESCO + "a", "dataforskare", "J3", "Analytiker", "skos:exactMatch"),
        EscoOccupationLink(ESCO + "b", "dataanalytiker", "J3", "Analytiker", "skos:exactMatch"),
        EscoOccupationLink(ESCO + "zzz", "okänd", "J4", "Okänd", "skos:exactMatch"),
    ]
    assert english_names_from(occupations, links) == {"J1": "data scientist"}


def test_missing_files_give_no_names(tmp_path):
    assert english_occupation_names(tmp_path) == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_db")
def test_occupation_page_and_json_in_english(client):
    english = english_occupation_names()
    if not english:
        pytest.skip("no ESCO files in the data directory")
    name = m.OccupationName.objects.filter(concept_id__in=list(english)).select_related("ssyk").first()
    assert name is not None
    label_en = english[name.concept_id]
    body = client.get(f"/api/v1/occupations/{name.ssyk_id}").json()
    assert {"concept_id": name.concept_id, "label": name.label, "label_en": label_en} in body["occupation_names"]
    page_en = client.get(f"/yrken/{name.ssyk_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert label_en in page_en and name.label in page_en
    page_sv = client.get(f"/yrken/{name.ssyk_id}/").content.decode()
    assert label_en not in page_sv or label_en == name.label
