"""Reading JSON, CSV and Excel files with errors that name the file, line and key."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = ["read_json", "graphql_concepts", "require", "read_csv", "read_xlsx"]


def read_json(path: Path) -> Any:
    """Parse a JSON file; a missing, empty, truncated or invalid file raises with its line."""
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from exc
    if not text.strip():
        raise DataFileMalformed("file is empty", path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileMalformed(
            f"invalid or truncated JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno
        ) from exc


def graphql_concepts(payload: Any, path: Path) -> list[dict[str, Any]]:
    """The ``data.concepts`` list of a JobTech Taxonomy GraphQL answer (file or API)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        raise DataFileMalformed("expected a JobTech Taxonomy answer with a 'data' object", path=path, key="data")
    concepts = payload["data"].get("concepts")
    if not isinstance(concepts, list):
        raise DataFileMalformed("expected a list of concepts", path=path, key="data.concepts")
    return concepts


def require(item: dict[str, Any], key: str, path: Path, where: str) -> Any:
    """``item[key]``, or a :class:`DataFileMalformed` naming the file, the record and the key."""
    if not isinstance(item, dict):
        raise DataFileMalformed(f"{where}: expected an object, got {type(item).__name__}", path=path)
    value = item.get(key)
    if value is None or value == "":
        ident = item.get("id") or item.get("code") or "?"
        raise DataFileMalformed(f"{where} (id {ident}) lacks a value", path=path, key=key)
    return value


def _field_count(row: dict[str | None, Any]) -> int:
    """The fields a ``csv.DictReader`` row really had: short rows are padded with ``None``
    under the header's names, extra fields are listed under the key ``None``."""
    present = sum(1 for k, v in row.items() if k is not None and v is not None)
    return present + len(row.get(None) or ())


def read_csv(
    path: Path, required: list[str], *, delimiter: str = ",", encoding: str = "utf-8-sig"
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` of a CSV file with a header, checking the columns."""
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        with open(path, newline="", encoding=encoding) as fh:
            reader = csv.DictReader(fh, delimiter=delimiter)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileMalformed(f"missing column(s) {', '.join(missing)} in header {header}", path=path, line=1)
            for row in reader:
                if None in row or any(row.get(c) is None for c in required):
                    raise DataFileMalformed(
                        f"row has {_field_count(row)} fields, expected {len(header)}",
                        path=path,
                        line=reader.line_num,
                    )
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not {encoding} text ({exc.reason})", path=path) from exc
    except csv.Error as exc:
        raise DataFileMalformed(f"CSV error: {exc}", path=path) from exc


def read_xlsx(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(row_number, row)`` of the first sheet of an Excel file with a header row."""
    import zipfile

    from openpyxl import load_workbook

    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DataFileMalformed(f"not a readable Excel file: {exc}", path=path) from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileMalformed(f"missing column(s) {', '.join(missing)} in header {header}", path=path, line=1)
        for number, values in enumerate(rows, start=2):
            if all(v is None for v in values):
                continue
            yield number, dict(zip(header, values))
    finally:
        wb.close()
