"""UKÄ CSV and SCB PxWeb importers (the documented examples) and their connectors (MockTransport)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from kompetensbron.errors import ConnectorError, DataFileMalformed
from kompetensbron.sources.graduate_imports import (
    ScbPxWebClient,
    fetch_uka_csv,
    read_scb_pxweb,
    read_uka_graduates_csv,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_uka_example_reads_as_documented():
    figures = read_uka_graduates_csv(DOCS / "uka_graduates_example.csv")
    assert [(f.institution, f.programme, f.year, f.value) for f in figures] == [
        ("Mittuniversitetet", "Sjuksköterskeexamen", 2022, 212.0),
        ("Mittuniversitetet", "Sjuksköterskeexamen", 2023, 198.0),
        ("Mittuniversitetet", "Civilingenjörsexamen", 2023, 1034.0),  # "1 034"
        ("Umeå universitet", "Sjuksköterskeexamen", 2023, None),  # ".."
    ]
    assert figures[0].measure == "Antal examina (Totalt)" and figures[0].line == 4


@pytest.mark.parametrize(
    ("row", "key"),
    [
        ("Mittuniversitetet;X;2022/23;Totalt;tolv", "Antal examina"),
        ("Mittuniversitetet;X;22/23;Totalt;1", "Läsår"),
        (";X;2022/23;Totalt;1", "Lärosäte"),
    ],
)
def test_bad_uka_rows_are_refused_with_line_and_column(tmp_path: Path, row, key):
    path = tmp_path / "uka.csv"
    path.write_text(
        "Titel\nLärosäte;Examen;Läsår;Kön;Antal examina\nMittuniversitetet;X;2021/22;Totalt;5\n" + row + "\n",
        encoding="cp1252",
    )
    with pytest.raises(DataFileMalformed) as err:
        read_uka_graduates_csv(path)
    assert (err.value.line, err.value.key) == (4, key)


def test_uka_file_without_header_is_refused(tmp_path: Path):
    path = tmp_path / "uka.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="Lärosäte"):
        read_uka_graduates_csv(path)


def test_scb_jsonstat_example_is_unrolled_in_row_major_order():
    figures = read_scb_pxweb(DOCS / "scb_regional_example.json")
    assert [(f.region_code, f.region_name, f.year, f.value) for f in figures] == [
        ("2281", "Sundsvall", 2022, 14021),
        ("2281", "Sundsvall", 2023, 14388),
        ("2262", "Timrå", 2022, 2310),
        ("2262", "Timrå", 2023, None),
    ]
    assert figures[0].measure == "utbildningsnivå: eftergymnasial utbildning, 3 år eller mer"


def test_scb_jsonstat_with_wrong_value_count_is_refused(tmp_path: Path):
    payload = json.loads((DOCS / "scb_regional_example.json").read_text(encoding="utf-8"))
    payload["value"] = payload["value"][:-1]
    path = tmp_path / "scb.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_scb_pxweb(path)
    assert err.value.key == "value"


def test_scb_csv_wide_years(tmp_path: Path):
    path = tmp_path / "scb.csv"
    path.write_text(
        '"region","utbildningsnivå","2022","2023"\n"2281 Sundsvall","eftergymnasial 3+ år",14021,14388\n"00 Riket","eftergymnasial 3+ år",..,2\n',
        encoding="utf-8",
    )
    figures = read_scb_pxweb(path)
    assert [(f.region_code, f.region_name, f.year, f.value) for f in figures] == [
        ("2281", "Sundsvall", 2022, 14021.0),
        ("2281", "Sundsvall", 2023, 14388.0),
        ("", "Riket", 2022, None),
        ("", "Riket", 2023, 2.0),
    ]
    path.write_text('"region","2022"\n"2281 Sundsvall",many\n', encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_scb_pxweb(path)
    assert (err.value.line, err.value.key) == (2, "2022")


def test_scb_connector_posts_the_query_and_parses_the_answer():
    answer = (DOCS / "scb_regional_example.json").read_text(encoding="utf-8")
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"], seen["body"] = str(request.url), json.loads(request.content)
        return httpx.Response(200, text=answer, headers={"content-type": "application/json"})

    client = ScbPxWebClient(httpx.Client(transport=httpx.MockTransport(handler)))
    query = [{"code": "Region", "selection": {"filter": "vs:RegionKommun07", "values": ["2281", "2262"]}}]
    figures = client.fetch("UF/UF0506/UF0506B/Utbildning", query)
    assert seen["url"] == "https://api.scb.se/OV0104/v1/doris/sv/ssd/UF/UF0506/UF0506B/Utbildning"
    assert seen["body"] == {"query": query, "response": {"format": "json-stat2"}}
    assert len(figures) == 4
    failing = ScbPxWebClient(httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(429))))
    with pytest.raises(ConnectorError, match="429"):
        failing.fetch("UF/UF0506/UF0506B/Utbildning", query)
    odd = ScbPxWebClient(
        httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, text='{"class": "collection"}')))
    )
    with pytest.raises(ConnectorError, match="unexpected format"):
        odd.fetch("UF/UF0506/UF0506B/Utbildning", query)
    with pytest.raises(ConnectorError):
        client.fetch("../../etc/passwd", query)


def test_uka_connector_fetches_https_only():
    body = (DOCS / "uka_graduates_example.csv").read_bytes()
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    assert len(fetch_uka_csv("https://statistik.uka.se/export.csv", client=client)) == 4
    with pytest.raises(ConnectorError, match="https"):
        fetch_uka_csv("file:///etc/passwd", client=client)
    with pytest.raises(ConnectorError, match="503"):
        fetch_uka_csv(
            "https://x.example/e.csv", client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(503)))
        )
