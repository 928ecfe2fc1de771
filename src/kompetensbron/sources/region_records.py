"""Typed records of Swedish regions: län, kommuner, FA-regions and their shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing

from .file_formats import read_csv, read_json, read_xlsx

__all__ = [
    "LanRecord",
    "KommunRecord",
    "FaRegionRecord",
    "read_lan",
    "read_kommuner",
    "read_fa_regions",
    "read_shapes",
    "read_fa_shapes",
]


@dataclass(frozen=True, slots=True)
class LanRecord:
    code: str
    name: str
    letter: str
    population: int | None
    concept_id: str | None = None


@dataclass(frozen=True, slots=True)
class KommunRecord:
    code: str
    name: str
    lan_code: str
    population: int | None
    area_km2: float | None
    concept_id: str | None = None


@dataclass(frozen=True, slots=True)
class FaRegionRecord:
    code: str
    name: str
    kommun_codes: tuple[str, ...] = field(default_factory=tuple)


def _int(value: str, path: Path, line: int, key: str) -> int | None:
    if value in ("", None):
        return None
    try:
        return int(float(value))
    except ValueError as exc:
        raise DataFileMalformed(f"not a number: {value!r}", path=path, line=line, key=key) from exc


def _float(value: str, path: Path, line: int, key: str) -> float | None:
    if value in ("", None):
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise DataFileMalformed(f"not a number: {value!r}", path=path, line=line, key=key) from exc


def read_lan(path: Path) -> list[LanRecord]:
    out = []
    for line, row in read_csv(path, ["code", "name", "letter", "population"]):
        code = row["code"].strip().zfill(2)
        if not code.isdigit() or len(code) != 2:
            raise DataFileMalformed(f"invalid länskod {row['code']!r}", path=path, line=line, key="code")
        out.append(
            LanRecord(
                code, row["name"].strip(), row["letter"].strip(), _int(row["population"], path, line, "population")
            )
        )
    return out


def read_kommuner(path: Path, lan_by_name: dict[str, str]) -> list[KommunRecord]:
    """Kommuner from ``platser_kommuner.csv``; the län is named, so ``lan_by_name`` gives its code."""
    out = []
    for line, row in read_csv(path, ["code", "name", "region", "population", "area"]):
        code = row["code"].strip().zfill(4)
        if not code.isdigit() or len(code) != 4:
            raise DataFileMalformed(f"invalid kommunkod {row['code']!r}", path=path, line=line, key="code")
        lan_code = lan_by_name.get(row["region"].strip())
        if lan_code is None or lan_code != code[:2]:
            lan_code = code[:2]  # the kommunkod begins with its länskod (SCB rule)
        name = row["name"].strip().removesuffix(" kommun").removesuffix(" stad")
        # "Region Gotland" / "Gotlands kommun": keep SCB's short name
        out.append(
            KommunRecord(
                code=code,
                name=name,
                lan_code=lan_code,
                population=_int(row["population"], path, line, "population"),
                area_km2=_float(row["area"], path, line, "area"),
            )
        )
    return out


def read_fa_regions(path: Path) -> list[FaRegionRecord]:
    """FA-regions (Tillväxtverket FA15) and their kommuner from ``kommuner.xlsx``."""
    regions: dict[str, tuple[str, list[str]]] = {}
    for line, row in read_xlsx(path, ["FA15Nr", "FA15Namn", "kommunkod"]):
        code = str(row["FA15Nr"] or "").strip().zfill(2)
        kommun = str(row["kommunkod"] or "").strip().zfill(4)
        if not code.isdigit() or not kommun.isdigit():
            raise DataFileMalformed("FA-region or kommunkod is not a code", path=path, line=line, key="FA15Nr")
        name, members = regions.setdefault(code, (str(row["FA15Namn"]).strip(), []))
        members.append(kommun)
    return [FaRegionRecord(code, name, tuple(sorted(m))) for code, (name, m) in sorted(regions.items())]


def read_shapes(path: Path, id_key: str, width: int) -> dict[str, dict[str, Any]]:
    """GeoJSON geometries keyed by code (``id`` for kommuner, ``l_id`` for län)."""
    payload = read_json(path)
    features = payload.get("features") if isinstance(payload, dict) else None
    if not isinstance(features, list):
        raise DataFileMalformed("expected a GeoJSON FeatureCollection", path=path, key="features")
    out = {}
    for i, feat in enumerate(features):
        props = (feat or {}).get("properties") or {}
        geom = (feat or {}).get("geometry")
        raw = props.get(id_key)
        if raw is None or not isinstance(geom, dict) or "coordinates" not in geom:
            raise DataFileMalformed(f"feature #{i + 1} lacks {id_key!r} or a geometry", path=path, key=id_key)
        out[str(raw).zfill(width)] = geom
    return out


_KML = "{http://www.opengis.net/kml/2.2}"


def _kml_ring(element: Any, path: Path, code: str) -> list[list[float]]:
    text = (element.findtext(f"{_KML}coordinates") or "").split()
    ring = []
    for point in text:
        parts = point.split(",")
        try:
            ring.append([round(float(parts[0]), 4), round(float(parts[1]), 4)])
        except (ValueError, IndexError) as exc:
            raise DataFileMalformed(
                f"FA-region {code}: bad coordinate {point!r}", path=path, key="coordinates"
            ) from exc
    if len(ring) < 4:
        raise DataFileMalformed(f"FA-region {code}: a ring with fewer than 4 points", path=path, key="coordinates")
    return ring


def read_fa_shapes(path: Path) -> dict[str, dict[str, Any]]:
    """FA-region polygons (Tillväxtverket FA15 KML) as GeoJSON geometries keyed by FA code.

    Coordinates are rounded to 4 decimals (about 10 m), plenty for a map of Sweden.
    """
    import xml.etree.ElementTree as ET

    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise DataFileMalformed(f"invalid KML: {exc}", path=path, line=exc.position[0]) from exc
    shapes: dict[str, dict[str, Any]] = {}
    for number, placemark in enumerate(root.iter(f"{_KML}Placemark"), start=1):
        data = {sd.get("name"): (sd.text or "").strip() for sd in placemark.iter(f"{_KML}SimpleData")}
        code = data.get("FAKod", "").zfill(2)
        if not code.isdigit():
            raise DataFileMalformed(f"placemark #{number} has no FA code", path=path, key="FAKod")
        polygons = []
        for polygon in placemark.iter(f"{_KML}Polygon"):
            outer = polygon.find(f"{_KML}outerBoundaryIs/{_KML}LinearRing")
            if outer is None:
                raise DataFileMalformed(
                    f"FA-region {code}: polygon without outer boundary", path=path, key="outerBoundaryIs"
                )
            rings = [_kml_ring(outer, path, code)]
            rings += [_kml_ring(r, path, code) for r in polygon.findall(f"{_KML}innerBoundaryIs/{_KML}LinearRing")]
            polygons.append(rings)
        if not polygons:
            raise DataFileMalformed(f"FA-region {code} has no polygon", path=path, key="Polygon")
        shapes[code] = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
    if not shapes:
        raise DataFileMalformed("no FA-region placemarks (truncated file?)", path=path)
    return shapes
