"""The dossier's words follow the reader's language, not the language that built the cached
copy (issue 9, defect 4): built in Swedish, read in English, read in Swedish again."""

from __future__ import annotations

import pytest
from django.utils import translation

from kompetensbron.dossier.services import build_dossier

pytestmark = pytest.mark.django_db


def _words(programme_id: int, language: str) -> tuple[list[str], list[str]]:
    with translation.override(language):
        d = build_dossier(programme_id=programme_id)
    return [o.status_label for o in d.occupations], [o.provenance_label for o in d.occupations]


def test_status_words_sv_then_en_then_sv(linked) -> None:
    first = _words(linked.pk, "sv")
    english = _words(linked.pk, "en")
    again = _words(linked.pk, "sv")
    assert first[0] == ["föreslagen", "föreslagen"] and "kompetensöverlapp" in first[1]
    assert english[0] == ["suggested", "suggested"] and "skill overlap" in english[1]
    assert again == first


def test_english_json_after_a_swedish_page(linked, client) -> None:
    assert client.get(f"/relevans/program/{linked.pk}/", HTTP_ACCEPT_LANGUAGE="sv").status_code == 200
    data = client.get(f"/api/v1/dossier/programmes/{linked.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {o["status_label"] for o in data["occupations"]} == {"suggested"}


def test_summary_and_notes_follow_the_readers_language(linked, client) -> None:
    """The summary and notes are built from the cached figures on every read (issue 14, item 5):
    a Swedish first view, then the English figures page speaks English, and Swedish again."""
    swedish = client.get(f"/relevans/program/{linked.pk}/siffror/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "föreslagna av kartläggningen men ännu inte bekräftade" in swedish
    assert "Inga yrkeskopplingar är bekräftade ännu" in swedish
    english = client.get(f"/relevans/program/{linked.pk}/siffror/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "suggested by the mapping but not yet confirmed" in english
    assert "No occupation links are confirmed yet" in english
    for swedish_word in ("målyrken", "föreslagna av kartläggningen", "Inga synpunkter", "Yrkesbarometer, omgång"):
        assert swedish_word not in english, swedish_word
    with translation.override("sv"):
        again = build_dossier(programme_id=linked.pk)
    assert again.summary[0].endswith(".") and "målyrken" in again.summary[0]


def test_yrkesbarometer_words_in_the_readers_language(linked) -> None:
    """AF's words (class text, job opportunities, 5-year direction) stay Swedish in the cached
    dossier and are worded in the reader's language in its outlook table (issue 14, item 5)."""
    from kompetensbron.dossier.schemas import OutlookRow
    from kompetensbron.dossier.tables import outlook_table

    with translation.override("sv"):
        d = build_dossier(programme_id=linked.pk)
    row = OutlookRow(
        ssyk="2611",
        label="Advokater",
        lan_index=3.5,
        lan_text="Viss brist",
        balance="shortage",
        current_round="2026-1",
        current_recruitment="brist",
        current_opportunities="stora",
        current_outlook="vara oförändrad",
    )
    d = d.model_copy(update={"outlook": [row], "current_round": "2026-1"})
    with translation.override("en"):
        english = outlook_table(d).rows[0]
    with translation.override("sv"):
        swedish = outlook_table(d).rows[0]
    assert english[2] == "shortage, job opportunities: large; 5-year demand expected to: stay unchanged"
    assert english[4] == "Some shortage"
    assert swedish[2] == "brist, stora jobbmöjligheter; efterfrågan väntas vara oförändrad på 5 år"
    assert swedish[4] == "Viss brist"
    # the comparison of two dossiers words the label in the reader's language too (not "shortage")
    from kompetensbron.dossier.compare import compare_dossiers

    with translation.override("sv"):
        rows = {r.item: r.left for r in compare_dossiers(d, d).rows if r.section == "Prognos"}
    assert rows == {"2611 Advokater": "index 3.5 · brist · 5 år –"}


def test_sources_block_in_the_readers_language(linked) -> None:
    """The sources block is worded when it is read, from what the cached dossier stores (kind,
    name, date, count), not fixed in the language that built it (issue 14, item 5)."""
    from kompetensbron.dossier.schemas import SourceOut
    from kompetensbron.dossier.services import localised

    with translation.override("sv"):
        swedish = build_dossier(programme_id=linked.pk)
    inputs = SourceOut(title="", detail="", kind="inputs", count=3, period="2026-01-02 – 2026-03-04")
    d = swedish.model_copy(update={"sources": [*swedish.sources, inputs]})
    with translation.override("en"):
        assert localised(d).sources[-1].detail == "3 recorded in Kompetensbron"
        english = build_dossier(programme_id=linked.pk)
        english_text = " ".join(f"{s.title} {s.detail} {s.version or ''} {s.period or ''}" for s in english.sources)
    assert english.sources[0].title.startswith("Study programme ") and "changed" in (english.sources[0].version or "")
    for swedish_word in ("Utbildningsprogram", "ändrad", "laddad ", "fil daterad", "registrerade i Kompetensbron"):
        assert swedish_word not in english_text, swedish_word
    assert swedish.sources[0].title.startswith("Utbildningsprogram ")
    assert (swedish.sources[0].version or "").startswith("ändrad ")
    with translation.override("sv"):
        again = localised(d)
    assert [s.title for s in again.sources][:-1] == [s.title for s in swedish.sources]
    assert again.sources[-1].detail == "3 registrerade i Kompetensbron"


def test_comparison_in_the_readers_language(linked) -> None:
    """The comparison of two dossiers names its sections and items in the reader's language
    (issue 14, item 5); Swedish stays the default of the API and the command line."""
    from kompetensbron.dossier.compare import compare_dossiers, comparison_table

    with translation.override("sv"):
        d = build_dossier(programme_id=linked.pk)
        swedish = compare_dossiers(d, d)
    with translation.override("en"):
        english = compare_dossiers(d, d)
        table = comparison_table(english)
    sv_rows = {(r.section, r.item): r.left for r in swedish.rows}
    en_rows = {(r.section, r.item): r.left for r in english.rows}
    assert ("Programmet", "Utbildningsplatser") in sv_rows and sv_rows[("Målyrken", "Underlag")] == "föreslagna"
    assert ("The programme", "Study places") in en_rows and en_rows[("Target occupations", "Basis")] == "suggested"
    assert english.left_title.endswith(f"today ({d.built_at.date().isoformat()})")
    en_sections = {r.section for r in english.rows}
    assert en_sections >= {"The programme", "Target occupations", "Skills", "Outcome", "Inputs", "Data dates"}
    assert not en_sections & {r.section for r in swedish.rows}
    assert any(r.left.startswith("suggested · ") for r in english.rows if r.section == "Target occupations")
    assert table.rows[0][:2] == ["The programme", "Higher education institution"]
    words = " ".join(f"{r.section} {r.item} {r.left}" for r in english.rows)
    for swedish_word in (
        "Lärosäte",
        "Täckning",
        "Synpunkter",
        "föreslagen",
        "Datadatum",
        "i dag",
        "Utbildningsprogram",
    ):
        assert swedish_word not in words, swedish_word
