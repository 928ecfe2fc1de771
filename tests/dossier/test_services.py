"""The dossier of the example programme shows real numbers from the snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.dossier.schemas import InputIn
from kompetensbron.dossier.services import add_input, build_dossier, dossier_version
from kompetensbron.dossier.summary import number, percent
from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.reference.models import SsykGroup

from .conftest import SWEDEN

pytestmark = pytest.mark.django_db


def test_demand_equals_the_statistics_file(linked, statistics_file):
    d = build_dossier(programme_id=linked.pk)
    assert d.target_basis == "suggested"
    assert [o.ssyk for o in d.occupations] == ["2221", "5321"]  # official key first, then skill overlap
    top = d.demand[0]
    per_region = statistics_file("ssyk_id_region_annonser_2024.json")[SsykGroup.objects.get(code="2221").concept_id]
    assert top.national == per_region[SWEDEN]
    assert top.national > 1000
    # the programme is in Sundsvall: Västernorrlands län (22), FA-region Sundsvall
    assert d.programme.kommun.code == "2281" and d.programme.lan.code == "22"
    lan_concept = __import__("kompetensbron.reference.models", fromlist=["Lan"]).Lan.objects.get(code="22").concept_id
    assert top.lan == per_region[lan_concept]
    assert top.lan_share == round(top.lan / top.national, 4)
    assert top.fa is not None and 0 < top.fa <= top.lan
    assert any("ssyk_id_region_annonser_2024.json" in p.source for p in d.demand_provenance)
    assert any("ssyk_id_region_annonser_2024.json" in s.title for s in d.sources)


def test_outlook_carries_label_uncertainty_and_hit_rate(linked):
    d = build_dossier(programme_id=linked.pk)
    nurse = d.outlook[0]
    assert nurse.ssyk == "2221" and nurse.lan_index is not None and 1 <= nurse.lan_index <= 5
    assert nurse.balance in ("shortage", "balance", "surplus")
    assert nurse.uncertainty in ("low", "medium", "high")
    assert nurse.probability is not None and nurse.low <= nurse.probability <= nurse.high and nurse.cases > 0
    assert nurse.five_year_index is not None and 1 <= nurse.five_year_index <= 5
    assert d.backtest_rate is not None and 0 < d.backtest_rate <= 1
    assert {p.table for p in d.outlook_provenance} == {"af-yrkesbarometer/1-ar.xlsx", "af-yrkesbarometer/5-ar.xlsx"}


def test_skills_covered_and_missing_are_consistent(linked):
    s = build_dossier(programme_id=linked.pk).skills
    demanded = {x.skill_id for x in s.demanded}
    covered = {x.skill_id for x in s.covered}
    missing = {x.skill_id for x in s.missing}
    outcomes = {x.skill_id for x in s.outcome_skills}
    assert demanded and outcomes
    assert covered.isdisjoint(missing)
    assert covered | missing == demanded
    assert covered <= outcomes
    assert missing.isdisjoint(outcomes)
    assert all(x.origins for x in s.demanded)  # each demanded skill says where it came from
    assert s.coverage == round(len(covered) / len(demanded), 4)
    assert "MR4H_FFT_mTj" in covered  # Omvårdnad: in the nurses' definition and in the outcomes


def test_summary_sentences_contain_the_figures(linked):
    d = build_dossier(programme_id=linked.pk)
    text = " ".join(d.summary)
    top = d.demand[0]
    assert number(top.national) in text and number(top.lan) in text and percent(top.lan_share) in text
    assert number(d.programme.graduates) in text
    assert f"{len(d.skills.covered)} av {len(d.skills.demanded)}" in text
    assert str(d.outlook[0].lan_index).replace(".", ",") in text
    assert "Inga synpunkter" in text


def test_confirmed_links_take_precedence(linked):
    from kompetensbron.education.models import OccupationLink

    OccupationLink.objects.filter(programme=linked, ssyk_id="5321").update(status="confirmed")
    d = build_dossier(programme_id=linked.pk)
    assert d.target_basis == "confirmed"
    assert [o.ssyk for o in d.occupations] == ["5321"]


def test_inputs_are_recorded_dated_and_invalidate_the_cache(linked, user):
    first = build_dossier(programme_id=linked.pk)
    assert build_dossier(programme_id=linked.pk).version == first.version  # cached until an input comes
    x = add_input(
        actor=user,
        programme_id=linked.pk,
        data=InputIn(
            kind="employer",
            date=dt.date(2025, 3, 14),
            author_name="Anna Berg",
            organisation="Region Västernorrland",
            text="Fler platser behövs.",
        ),
    )
    assert x.recorded_by == "programansvarig"
    d = build_dossier(
        programme_id=linked.pk, viewer=get_user_model().objects.create_user(username="personal", is_staff=True)
    )
    assert d.version != first.version
    assert [i.author_name for i in d.inputs] == ["Anna Berg"]
    assert "2025-03-14" in " ".join(d.summary) and "Region Västernorrland" in " ".join(d.summary)
    assert d.demand == first.demand  # an input changes no figure


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (dict(date=dt.date.today() + dt.timedelta(days=2), author_name="A", text="x"), "date"),
        (dict(date=dt.date(2025, 1, 1), author_name="A", text="   "), "text"),
        (dict(date=dt.date(2025, 1, 1), author_name="", text="x"), "author_name"),
        (dict(date=dt.date(2025, 1, 1), author_name="A", text="x", kind="rumour"), "kind"),
    ],
)
def test_bad_input_is_refused(linked, user, data, field):
    with pytest.raises(ValidationFailed) as exc:
        add_input(actor=user, programme_id=linked.pk, data=InputIn(**data))
    assert field in exc.value.errors


def test_anonymous_input_and_unknown_programme(linked, user):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        add_input(
            actor=AnonymousUser(),
            programme_id=linked.pk,
            data=InputIn(date=dt.date(2025, 1, 1), author_name="A", text="x"),
        )
    with pytest.raises(NotFound):
        build_dossier(programme_id=987654)


def test_version_changes_with_links(linked):
    from kompetensbron.education.links import suggest_link

    before = dossier_version(linked)
    suggest_link(programme=linked, ssyk="2224", provenance="skill_overlap", score=0.3, rank=3)
    assert dossier_version(linked) != before
