"""Housing imports: parse everything, then write in one transaction; a bad row stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetensbron.errors import PermissionDenied
from kompetensbron.housing.importing import (
    import_projects_file,
    import_queue_file,
    import_stock_file,
)
from kompetensbron.housing.models import (
    HousingProject,
    HousingSource,
    QueueStatistic,
    StockFigure,
)
from kompetensbron.samverkan.models import AuditEntry
from kompetensbron.sources.programme_template import TemplateInvalid

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "housing"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_real_scb_extract_imports_every_kommun_and_year(data_dir):
    path = data_dir / "housing" / "scb_bo0104t7_specialbostader_uppsala_lan_2013-2024.csv"
    report = import_stock_file(path)
    assert (report.rows, report.created, report.updated) == (96, 96, 0)
    assert StockFigure.objects.get(kommun_id="0380", year=2013).homes == 10_488
    assert StockFigure.objects.get(kommun_id="0380", year=2024).homes == 13_644
    source = HousingSource.objects.get()
    assert source.kind == "scb" and len(source.sha256) == 64 and source.rows == 96
    again = import_stock_file(path)
    assert (again.created, again.updated) == (0, 96)
    assert AuditEntry.objects.filter(model="housing.housingsource", action="import").count() == 2


def test_json_stat_and_wide_csv_resolve_kommunkod():
    report = import_stock_file(FIXTURES / "bo0104t7_jsonstat2.json")
    assert report.created == 4
    assert StockFigure.objects.get(kommun_id="0330", year=2024).homes == 5
    assert import_stock_file(FIXTURES / "bo0104t7_pxweb_wide.csv").updated == 4


def test_unknown_region_stores_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        '"region","typ av specialbostad","bostadsarea","år","Antal"\n'
        '"Uppsala","studentbostad","< 11 kvm","2013",23\n'
        '"Atlantis","studentbostad","< 11 kvm","2013",2\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateInvalid) as err:
        import_stock_file(path)
    assert "rad 3, kolumn region" in str(err.value) and "Atlantis" in str(err.value)
    assert not StockFigure.objects.exists() and not HousingSource.objects.exists()


def test_stock_template_reports_every_problem_with_row_and_column(tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text(
        "kommunkod;year;homes;source\n0180;2013;10000;Stockholms stad\n9999;2013;5;x\n0180;20x3;5;x\n0180;2013;-4;x\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateInvalid) as err:
        import_stock_file(path)
    text = str(err.value)
    assert "rad 3, kolumn kommunkod" in text and "rad 4, kolumn year" in text and "rad 5, kolumn homes" in text
    assert not StockFigure.objects.exists()


def test_stock_import_needs_an_administrator_on_the_web(world, tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text("kommunkod,year,homes,source\n0180,2013,10000,Stockholms stad\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_stock_file(path, actor=world.region_coordinator)
    assert import_stock_file(path, actor=world.admin).created == 1


def test_documented_templates_import(world):
    projects = import_projects_file(DOCS / "housing_projects_template.csv", actor=world.company_coordinator)
    assert projects.created >= 2
    project = HousingProject.objects.get(name="Kvarteret Lärkan")
    assert project.status_changes.count() == 1 and project.source is not None
    queue = import_queue_file(DOCS / "housing_queue_template.csv", actor=world.company_coordinator)
    assert queue.created >= 2
    assert QueueStatistic.objects.filter(organisation=world.company).exists()


def test_project_rows_for_another_owner_are_refused(world, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "owner,name,kommunkod,homes,home_type,status,status_date,expected_completion_year,actual_completion_year\n"
        "Uppsala Studentbostäder,Hus A,0380,100,studio,idea,2025-01-01,2028,\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateInvalid, match="rad 2, kolumn owner"):
        import_projects_file(path, actor=world.company_coordinator)
    assert not HousingProject.objects.exists()


def test_queue_template_checks_percentiles_and_types(world, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(
        "organisation,year,home_type,people_in_queue,homes_offered,median_wait_days,p90_wait_days,declines,source\n"
        "Studentbostäder i Stockholm,2018,villa,1,1,10,20,0,x\n"
        "Studentbostäder i Stockholm,2019,studio,1,1,300,200,0,x\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateInvalid) as err:
        import_queue_file(path)
    assert "rad 2, kolumn home_type" in str(err.value) and "rad 3, kolumn p90_wait_days" in str(err.value)
    assert not QueueStatistic.objects.exists()


def test_a_queue_file_imported_again_updates_in_place(world, tmp_path):
    rows = (DOCS / "housing_queue_template.csv").read_text(encoding="utf-8").splitlines()
    kept = [rows[0], *[r for r in rows[1:] if r.startswith(world.company.name + ",")]]
    assert len(kept) >= 2
    path = tmp_path / "queue.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    first = import_queue_file(path, actor=world.company_coordinator)
    assert (first.created, first.updated) == (len(kept) - 1, 0)
    head, *body = kept
    changed = body[0].split(",")
    changed[5] = "123"  # median_wait_days
    path.write_text("\n".join([head, ",".join(changed), *body[1:]]) + "\n", encoding="utf-8")
    again = import_queue_file(path, actor=world.company_coordinator)
    assert (again.created, again.updated) == (0, len(kept) - 1)
    assert QueueStatistic.objects.filter(organisation=world.company).count() == len(kept) - 1
    row = QueueStatistic.objects.get(organisation=world.company, year=int(changed[1]), home_type=changed[2])
    assert row.median_wait_days == 123
