"""ESCO profile skills in Matchning: the essential skills of the opportunity's occupation are
offered as desirable skills (toy profile of conftest: 2512 → Git essential, Statistik optional,
an ESCO URI Matchning does not know)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kompetensbron.errors import UnknownConcept
from kompetensbron.matchning.profile_skills import profile_skills


def test_essential_known_skills_heaviest_first(mworld):
    assert [s.id for s in profile_skills("2512")] == ["sk-git"]
    assert [s.id for s in profile_skills("2512", essential_only=False)] == ["sk-stat", "sk-git"]
    assert profile_skills("2221") == []
    with pytest.raises(UnknownConcept):
        profile_skills("25x2")


def test_api_and_the_form_suggestion(mworld):
    employer = Client()
    employer.force_login(mworld.employer_member)
    api = "/api/v1/matchning/occupations"
    data = employer.get(f"{api}/2512/profile-skills").json()
    assert data == [{"id": "sk-git", "label": "Git", "weight": 0.9, "essential": True, "source": "ESCO v1.1.1"}]
    assert employer.get(f"{api}/abcd/profile-skills").status_code == 404
    assert employer.get(f"{api}/2512/profile-skills?limit=0").status_code == 422
    assert Client().get(f"{api}/2512/profile-skills").status_code == 401  # the Matchning API needs a login
    form = {
        "host": mworld.employer.pk,
        "kind": "degree_project",
        "title": "Exjobb",
        "description": "Du kan Python.",
        "level": "second",
        "credits": "30",
        "required_skills": "",
        "desirable_skills": "",
        "ssyk_code": "2512",
        "kommun_code": "2281",
        "capacity": "1",
        "work_mode": "on_site",
        "action": "suggest",
    }
    html = employer.post(reverse("matchning:opportunity_create"), form).content.decode()
    desirable = html.split('name="desirable_skills"')[1].split("</textarea>")[0]
    required = html.split('name="required_skills"')[1].split("</textarea>")[0]
    assert "sk-git" in desirable and "sk-git" not in required and "sk-py" in required
