"""The forecast page names AF's prognosis occupations when the operator's names file is present,
and labels them by what tells them apart when it is not (issue 14, point 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import escape

from kompetensbron.config import get_settings
from kompetensbron.sources import catalog
from kompetensbron.sources.prognosis_names import NAMES_KEY

pytestmark = pytest.mark.django_db

API = "/api/v1/gap/forecasts"
PAGE = "/efterfragan/prognos/"
# Three real prognosis occupations of bedomning.csv with toy names (AF's names are not in the snapshot).
NAMES = (
    "conceptidprognosyrke;namn;ssyk;name_en\n"
    "1JfT_7TR_tqA;Örtyrke (test);2221,2222;Alpha trade (test)\n"
    "1Uj2_6JM_zuz;Bageriyrke (test);5321;\n"
    "1Y5U_iZ4_Bo9;Arkivyrke (test);2512;Zeta trade (test)\n"
)


@pytest.fixture(scope="module")
def real_data() -> Path:
    path = get_settings().data_dir
    if not (path / "af-yrkesbarometer" / "historik.csv").is_file():
        pytest.skip(f"no Yrkesbarometer files in {path}")
    return path


def _data_dir_with_names(real_data: Path, data: Path, names: str) -> Path:
    """Symlinks to the real data directory plus a toy names file (nothing copied)."""
    for entry in real_data.iterdir():
        if entry.name != "af-yrkesbarometer":
            (data / entry.name).symlink_to(entry)
    (data / "af-yrkesbarometer").mkdir()
    for entry in (real_data / "af-yrkesbarometer").iterdir():
        (data / "af-yrkesbarometer" / entry.name).symlink_to(entry)
    catalog.operator_path(data, NAMES_KEY).write_text(names, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def named_data(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data_dir_with_names(real_data, tmp_path_factory.mktemp("data-named"), NAMES)


@pytest.fixture
def use_data(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    def use(path: Path) -> None:
        monkeypatch.setenv("KOMPETENSBRON_DATA_DIR", str(path))
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def _options(html: str) -> list[tuple[str, str]]:
    select = html.split('id="forecast-occupation"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select)


def test_names_are_listed_sorted_and_link_the_ssyk_pages(client, named_data, use_data) -> None:
    use_data(named_data)
    html = client.get(PAGE, {"yrke": "1JfT_7TR_tqA"}).content.decode()
    options = _options(html)
    assert [label for _, label in options[:3]] == [
        "Arkivyrke (test) (SSYK 2512)",
        "Bageriyrke (test) (SSYK 5321)",
        "Örtyrke (test) (SSYK 2221, 2222)",
    ]
    assert len(options) == 174 and options[3][1].startswith(options[3][0] + " · ")  # the unnamed rest after
    assert "<h1>Prognos för Örtyrke (test)</h1>" in html
    summary = html.split('id="forecast-summary"', 1)[1].split("</p>", 1)[0]
    assert "för Örtyrke (test), som index" in summary
    assert 'href="/yrken/2221/"' in summary and 'href="/yrken/2222/"' in summary
    assert "prognosyrken.csv med kolumnerna" not in html

    one = client.get(f"{API}/1JfT_7TR_tqA").json()
    assert (one["name"], one["name_en"], one["ssyk"]) == ("Örtyrke (test)", "Alpha trade (test)", ["2221", "2222"])
    backtest = client.get(f"{API}/backtest").json()
    assert backtest["names_known"] and backtest["occupation_details"][0]["name"] == "Arkivyrke (test)"


def test_english_pages_use_english_names_where_given(client, named_data, use_data) -> None:
    use_data(named_data)
    with translation.override("en"):
        html = client.get(PAGE, {"yrke": "1Y5U_iZ4_Bo9"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    labels = [label for _, label in _options(html)[:3]]
    assert labels == [
        "Alpha trade (test) (SSYK 2221, 2222)",
        "Bageriyrke (test) (SSYK 5321)",
        "Zeta trade (test) (SSYK 2512)",
    ]
    assert "Zeta trade (test)" in html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_without_names_each_option_says_what_tells_it_apart(client, real_data, use_data) -> None:
    use_data(real_data)
    if catalog.operator_path(real_data, NAMES_KEY).is_file():
        pytest.skip("the data directory has AF's names file")
    html = client.get(PAGE).content.decode()
    options = _options(html)
    assert len(options) == 174
    first = next(label for value, label in options if value == "1JfT_7TR_tqA")
    assert re.fullmatch(r"1JfT_7TR_tqA · 18\D053 yrkesverksamma · 56 % kvinnor · bedömning: överskott", first), first
    employed = [int(re.sub(r"\D", "", label.split(" · ")[1])) for _, label in options]
    assert employed == sorted(employed, reverse=True)
    assert "selected" in html.split(f'value="{options[0][0]}"', 1)[1][:12]  # the largest is shown first
    assert "prognosyrken.csv" in html.split('id="forecast-occupation-help"', 1)[1].split("</p>", 1)[0]
    one = client.get(f"{API}/1JfT_7TR_tqA").json()
    assert (one["name"], one["ssyk"]) == (None, [])
    assert client.get(f"{API}/backtest").json()["names_known"] is False


def test_a_bad_names_file_is_an_error_naming_line_and_column(client, real_data, use_data, tmp_path) -> None:
    from kompetensbron.errors import DataFileMalformed
    from kompetensbron.labour_market import gap_services

    use_data(_data_dir_with_names(real_data, tmp_path, NAMES.replace("5321", "0000")))
    with pytest.raises(DataFileMalformed) as err:
        gap_services.occupation_forecast("1JfT_7TR_tqA")
    assert (err.value.line, err.value.key) == (3, "ssyk")
    page = client.get(PAGE)
    assert page.status_code == 503
    assert (
        "prognosyrken.csv, line 3, key &#x27;ssyk&#x27;: unknown SSYK 2012 unit group &#x27;0000&#x27;"
        in page.content.decode()
    )
    assert client.get(f"{API}/1JfT_7TR_tqA").status_code == 422


@pytest.mark.parametrize("page", [PAGE, "/efterfragan/balans/?ssyk=2221&level=fa"])
def test_notes_and_method_texts_are_in_the_readers_language(client, named_data, use_data, page) -> None:
    """Issue 14, point 5: the notes, method choices and source lines are built per request in the
    reader's language — the Swedish page holds none of the English texts and vice versa."""
    from kompetensbron.labour_market import gap_services

    use_data(named_data)
    texts: dict[str, list[str]] = {}
    for language in ("sv", "en"):
        with translation.override(language):
            backtest = gap_services.forecast_backtest()
            balance = gap_services.gap_map(ssyk="2221", region_level="fa")
        texts[language] = [
            *backtest.notes,
            *(c.reason for c in backtest.choices),
            *(p.method for p in (*backtest.provenance, *balance.provenance)),
            *(p.source for p in (*backtest.provenance, *balance.provenance)),
            *(p.period for p in backtest.provenance),
            *balance.notes,
        ]
    assert len(texts["sv"]) == len(texts["en"]) >= 10
    assert not set(texts["sv"]) & set(texts["en"])
    assert any("kopplas till SSYK genom" in n for n in texts["sv"])  # the names file is present
    html = {
        "sv": client.get(page, HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "en": client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode(),
    }
    for language, other in (("sv", "en"), ("en", "sv")):
        shown = [t for t in texts[language] if escape(t) in html[language]]
        assert len(shown) >= 4, (language, shown)
        assert not [t for t in texts[other] if escape(t) in html[language]], language
    assert "naive" not in html["sv"] and "naiv —" not in html["en"]  # method names too
    if page != PAGE:  # the map legend names AF's classes in the page's language
        assert 'data-label-surplus="överskott"' in html["sv"] and 'data-label-shortage="shortage"' in html["en"]
    if page == PAGE:  # size bands and the employed count with each language's digit grouping
        assert "5,000–20,000" in html["en"] and "5\xa0000–20\xa0000" in html["sv"]
        assert re.search(r"Employed: \d{1,3}(,\d{3})+\.", html["en"]), "employed count not grouped"


def test_the_balance_note_says_whether_the_names_file_links_ssyk(client, real_data, named_data, use_data) -> None:
    from kompetensbron.labour_market import gap_services

    use_data(named_data)
    assert any("linked to SSYK through" in n for n in _english_notes(gap_services))
    if not catalog.operator_path(real_data, NAMES_KEY).is_file():
        use_data(real_data)
        assert any("have no link to SSYK" in n for n in _english_notes(gap_services))


def _english_notes(gap_services) -> list[str]:
    with translation.override("en"):
        return gap_services.gap_map(ssyk="2221").notes
