"""Issue 14: the graduate pages' tables as CSV and Excel equal the tables shown, in both languages."""

from __future__ import annotations

import pytest

from kompetensbron.config import get_settings
from tests.web.table_exports import assert_exports_equal_tables

SACO_FROM = get_settings().data_dir / "graduates" / "saco2015_follow_students_from_county.csv"
pytestmark = [
    pytest.mark.skipif(not SACO_FROM.is_file(), reason="no graduates/ files in the data directory"),
    pytest.mark.django_db,
]


@pytest.mark.parametrize(
    "url", ["/utexaminerade/", "/utexaminerade/antagning/?q=juristprogrammet", "/utexaminerade/antagning/"]
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_csv_and_excel_equal_the_table(client, url, language):
    checked = assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert checked == (2 if url == "/utexaminerade/" else 1)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_import_log_downloads_equal_the_tables(client, language):
    from pathlib import Path

    from kompetensbron.graduates import services

    docs = Path(__file__).resolve().parents[2] / "docs"
    services.import_graduate_file(path=docs / "uka_graduates_example.csv", kind="uka", title="Examina")
    url = "/utexaminerade/importer/"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 2
    log = client.get(url + "?format=csv&table=importer", HTTP_ACCEPT_LANGUAGE=language).content.decode("utf-8-sig")
    assert "uka_graduates_example.csv – Examina" in log and "2022–2023" in log
