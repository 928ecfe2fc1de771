"""The Yrkesbarometer outlook beside the demand figures: per-region 1-year cells and the
occupation page's outlook block.

The figures come from AF's forecast files in the data directory (``1-ar.xlsx``: 1-year index per
län × SSYK; ``5-ar.xlsx``: national 5-year index) through the one data-file cache
(:func:`kompetensbron.analysis.barometer_data.barometer_data`); which code rates an occupation is
:func:`kompetensbron.analysis.outlook.rated_code`; labels and uncertainty are
:mod:`kompetensbron.analysis.labels`. A kommun shows its län's figure (AF publishes none per
kommun); an FA-region the mean over its kommuner of their län's index. A page's cells are
computed in one batch (:func:`region_cells`, :func:`occupation_outlook`): a fixed number of
queries however many rows it shows.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.utils.translation import gettext_noop

from kompetensbron.analysis import balance as bal
from kompetensbron.analysis.barometer_data import BalanceData, barometer_data
from kompetensbron.config import get_settings
from kompetensbron.errors import KompetensbronError
from kompetensbron.reference import models as ref
from kompetensbron.region_levels import RegionLevel
from kompetensbron.sources.yrkesbarometer import FILES as BAROMETER_FILES
from kompetensbron.sources.yrkesbarometer import FOLDER as BAROMETER_FOLDER

from .gap_texts import rated_notes
from .regions import fa_of_kommun as _fa_of_kommun
from .regions import lan_of_kommun as _lan_of_kommun
from .regions import region_names as _region_names
from .schemas import (
    FiveYearOutlook,
    OccupationOutlook,
    OccupationShares,
    OutlookBasis,
    OutlookCell,
    ProvenanceOut,
    RegionCounts,
    RegionKind,
    RegionOutlookInfo,
)

__all__ = ["NO_FORECAST", "outlook_data", "occupation_outlook", "region_outlook"]

NO_FORECAST = "ingen prognos"


def outlook_data() -> BalanceData:
    """The parsed Yrkesbarometer files of the configured data dir (the one data-file cache, keyed
    by the files' fingerprints); :class:`KompetensbronError` when unreadable."""
    return barometer_data(Path(get_settings().data_dir))


#: how a 1-year outlook cell is computed, per region level (Swedish msgids, translated where shown)
_OUTLOOK_METHOD = {
    RegionLevel.LAN: gettext_noop(
        "AF:s bristindex för 1 år per län × SSYK som publicerat (1 överskott – 5 brist) och AF:s klasstext; "
        "vår etikett efter AF:s klassgränser (under 2,9 överskott, 2,9–3,29 balans, från 3,3 brist), ett index "
        "inom 0,1 från en gräns blir balans med hög osäkerhet; sannolikhet = hur ofta sådana etiketter stämde "
        "med den nationella 5-årsetiketten för samma SSYK (bakåttest 1-ar.xlsx mot 5-ar.xlsx), 95 % "
        "Wilsonintervall"
    ),
    RegionLevel.KOMMUN: gettext_noop(
        "AF:s bristindex för 1 år per län × SSYK som publicerat (1 överskott – 5 brist) och AF:s klasstext; "
        "vår etikett efter AF:s klassgränser (under 2,9 överskott, 2,9–3,29 balans, från 3,3 brist), ett index "
        "inom 0,1 från en gräns blir balans med hög osäkerhet; sannolikhet = hur ofta sådana etiketter stämde "
        "med den nationella 5-årsetiketten för samma SSYK (bakåttest 1-ar.xlsx mot 5-ar.xlsx), 95 % "
        "Wilsonintervall; AF publicerar inga siffror per kommun: varje kommun visar sitt läns index, markerat"
    ),
    RegionLevel.FA: gettext_noop(
        "AF:s bristindex för 1 år per län × SSYK som publicerat (1 överskott – 5 brist) och AF:s klasstext; "
        "vår etikett efter AF:s klassgränser (under 2,9 överskott, 2,9–3,29 balans, från 3,3 brist), ett index "
        "inom 0,1 från en gräns blir balans med hög osäkerhet; sannolikhet = hur ofta sådana etiketter stämde "
        "med den nationella 5-årsetiketten för samma SSYK (bakåttest 1-ar.xlsx mot 5-ar.xlsx), 95 % "
        "Wilsonintervall; FA-region = medel över dess kommuner av deras läns index (FA15 ur referensdata); "
        "AF:s klasstext finns bara per län; län på olika sidor om en klassgräns ger hög osäkerhet"
    ),
}


def _barometer_prov(data: BalanceData | None, key: str, method: str) -> ProvenanceOut:
    """A Yrkesbarometer file's provenance: title, period and method are Swedish msgids, worded in
    the reader's language where shown (``source_text``), so a cached copy (the dossier) never
    holds one language; the date of the data comes from the source registry."""
    f = BAROMETER_FILES[key]
    return ProvenanceOut(
        source=f.title, table=f"{BAROMETER_FOLDER}/{f.name}", snapshot=None, period=f.period, method=method
    )


def _one_year_prov(data: BalanceData | None, kind: RegionKind) -> ProvenanceOut:
    return _barometer_prov(data, "1-ar", _OUTLOOK_METHOD[kind])


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def _uncertainty_text(row: bal.BalanceRow) -> str | None:
    if row.label is None:
        return None
    if row.probability is None:
        return "unknown uncertainty: no back-test cases for such labels"
    text = f"{row.uncertainty} uncertainty: such {row.label} labels held in {_pct(row.probability)} of {row.cases} back-test cases"
    if row.interval:
        text += f" (95 % interval {_pct(row.interval[0])}–{_pct(row.interval[1])})"
    if row.borderline:
        text += "; borderline, within 0.1 of a class limit" + (f", leaning {row.leaning}" if row.leaning else "")
    if row.mixed_regions:
        text += "; the FA-region's län fall on different sides of a class limit"
    return text


def _cell(
    row: bal.BalanceRow | None,
    *,
    rated: str | None,
    basis: OutlookBasis,
    basis_code: str | None,
    basis_name: str | None,
    text: str | None,
    prov: ProvenanceOut,
) -> OutlookCell:
    common = {
        "rated_ssyk": rated,
        "basis": basis,
        "basis_code": basis_code,
        "basis_name": basis_name,
        "source": prov.source,
        "period": prov.period,
    }
    if row is None or row.index is None:
        return OutlookCell(index=None, text=None, label=None, note=NO_FORECAST, **common)
    ci = row.interval
    return OutlookCell(
        index=row.index,
        text=text,
        label=row.label,
        borderline=row.borderline,
        leaning=row.leaning,
        probability=round(row.probability, 4) if row.probability is not None else None,
        low=round(ci[0], 4) if ci else None,
        high=round(ci[1], 4) if ci else None,
        cases=row.cases,
        uncertainty=row.uncertainty,
        uncertainty_text=_uncertainty_text(row),
        mixed_regions=row.mixed_regions,
        **common,
    )


def _outlook_cells(
    data: BalanceData, ssyk: str, kind: RegionKind, codes: list[str], prov: ProvenanceOut
) -> dict[str, OutlookCell]:
    """The 1-year cell of ``ssyk`` in each region of ``codes`` (region codes of level ``kind``)."""
    rated = data.rated(ssyk).code
    lan_names = _region_names(RegionLevel.LAN)
    if kind == RegionLevel.FA:
        fa_names = _region_names(RegionLevel.FA)
        lan_of = _lan_of_kommun()
        kommuner: dict[str, list[str]] = defaultdict(list)
        for kommun, fa in _fa_of_kommun().items():
            if fa in codes and kommun in lan_of:
                kommuner[fa].append(lan_of[kommun])
        rows: dict[str, bal.BalanceRow] = {}
        if rated is not None and kommuner:
            fa_regions = {fa: (fa_names.get(fa, fa), tuple(lans)) for fa, lans in kommuner.items()}
            result = bal.balance(
                data.one_year,
                data.five_year,
                region_level=RegionLevel.FA,
                ssyk=rated,
                fa_regions=fa_regions,
                backtest=data.one_to_five,
            )
            rows = {r.region_code: r for r in result.rows}
        return {
            code: _cell(
                rows.get(code),
                rated=rated,
                basis="fa_mean_of_kommuner",
                basis_code=code,
                basis_name=fa_names.get(code),
                text=None,
                prov=prov,
            )
            for code in codes
        }
    lan_rows: dict[str, bal.BalanceRow] = {}
    if rated is not None:
        result = bal.balance(
            data.one_year, data.five_year, region_level=RegionLevel.LAN, ssyk=rated, backtest=data.one_to_five
        )
        lan_rows = {r.region_code: r for r in result.rows}
    per_lan = data.by_ssyk.get(rated, {}) if rated else {}

    def lan_cell(lan: str | None, basis: OutlookBasis) -> OutlookCell:
        src = per_lan.get(lan) if lan else None
        return _cell(
            lan_rows.get(lan) if lan else None,
            rated=rated,
            basis=basis,
            basis_code=lan,
            basis_name=lan_names.get(lan) if lan else None,
            text=src.text if src else None,
            prov=prov,
        )

    if kind == RegionLevel.LAN:
        return {code: lan_cell(code, "lan") for code in codes}
    lan_of = _lan_of_kommun()
    return {code: lan_cell(lan_of.get(code), "lan_of_kommun") for code in codes}


def occupation_outlook(
    ssyk: str, kind: RegionKind, stats: RegionCounts | None
) -> tuple[OccupationOutlook, RegionCounts | None]:
    """The outlook block of the occupation page, and the count rows with their 1-year cells."""
    try:
        data = outlook_data()
    except KompetensbronError as exc:
        message = f"Yrkesbarometer files could not be read: {exc}"
        return OccupationOutlook(
            ssyk=ssyk,
            rated_ssyk=None,
            available=False,
            message=message,
            five_year=None,
            one_year_provenance=None,
            five_year_provenance=None,
        ), stats
    prov = _one_year_prov(data, kind)
    rc = data.rated(ssyk)
    rated, five = rc.code, rc.five_year
    notes = rated_notes(rc)
    bt = data.one_to_five
    outlook = OccupationOutlook(
        ssyk=ssyk,
        rated_ssyk=rated,
        rated_name=next(iter(data.by_ssyk[rated].values())).name if rated else (five.name if five else None),
        available=rated is not None,
        message=None if rated is not None else NO_FORECAST,
        five_year=FiveYearOutlook(
            ssyk_codes=list(five.ssyk_codes), name=five.name, index=five.index, label=bal.label_index(five.index).label
        )
        if five
        else None,
        five_year_message=None if five else NO_FORECAST,
        backtest_rate=round(bt.overall.rate, 4) if bt.overall.rate is not None else None,
        backtest_description=bt.description,
        one_year_provenance=prov,
        five_year_provenance=_barometer_prov(
            data,
            "5-ar",
            gettext_noop(
                "AF:s nationella bristindex för 5 år för SSYK som publicerat; etikett efter AF:s klassgränser"
            ),
        ),
        notes=notes,
    )
    if stats is None:
        return outlook, None
    cells = _outlook_cells(data, ssyk, kind, [r.code for r in stats.rows], prov)
    rows = [r.model_copy(update={"outlook": cells.get(r.code)}) for r in stats.rows]
    return outlook, stats.model_copy(update={"rows": rows})


def _region_cells(
    data: BalanceData, kind: RegionKind, code: str, ssyks: set[str], prov: ProvenanceOut
) -> dict[str, OutlookCell]:
    """The 1-year cell of every SSYK-4 group of ``ssyks`` in one region, in one pass: a fixed
    number of reference queries and one balance computation however many groups there are."""
    rated = {s: data.rated(s).code for s in ssyks}
    codes = {c for c in rated.values() if c is not None}
    if kind == RegionLevel.FA:
        name = _region_names(RegionLevel.FA).get(code, code)
        lans = tuple(ref.Kommun.objects.filter(fa_region_id=code).values_list("lan_id", flat=True))
        rows: dict[str, bal.BalanceRow] = {}
        if codes and lans:
            result = bal.balance(
                data.one_year,
                data.five_year,
                region_level=RegionLevel.FA,
                fa_regions={code: (name, lans)},
                backtest=data.one_to_five,
                ssyks=codes,
            )
            rows = {r.ssyk: r for r in result.rows}
        return {
            s: _cell(
                rows.get(c) if c else None,
                rated=c,
                basis="fa_mean_of_kommuner",
                basis_code=code,
                basis_name=name,
                text=None,
                prov=prov,
            )
            for s, c in rated.items()
        }
    lan = code if kind == RegionLevel.LAN else _lan_of_kommun().get(code)
    basis: OutlookBasis = "lan" if kind == RegionLevel.LAN else "lan_of_kommun"
    lan_name = _region_names(RegionLevel.LAN).get(lan or "")
    lan_rows: dict[str, bal.BalanceRow] = {}
    if codes and lan:
        result = bal.balance(
            data.one_year, data.five_year, region_level=RegionLevel.LAN, backtest=data.one_to_five, ssyks=codes
        )
        lan_rows = {r.ssyk: r for r in result.rows if r.region_code == lan}
    out = {}
    for s, c in rated.items():
        src = data.by_ssyk.get(c, {}).get(lan) if c and lan else None
        out[s] = _cell(
            lan_rows.get(c) if c else None,
            rated=c,
            basis=basis,
            basis_code=lan,
            basis_name=lan_name,
            text=src.text if src else None,
            prov=prov,
        )
    return out


def region_outlook(
    kind: RegionKind, code: str, shares: list[OccupationShares | None]
) -> tuple[RegionOutlookInfo, list[OccupationShares | None]]:
    """The 1-year cell of each top occupation in this region (a kommun: its län's figure)."""
    basis: OutlookBasis = {
        RegionLevel.LAN: "lan",
        RegionLevel.KOMMUN: "lan_of_kommun",
        RegionLevel.FA: "fa_mean_of_kommuner",
    }[kind]  # type: ignore[assignment]
    basis_code = code if kind != RegionLevel.KOMMUN else _lan_of_kommun().get(code)
    basis_name = _region_names(RegionLevel.FA if kind == RegionLevel.FA else RegionLevel.LAN).get(basis_code or "")
    try:
        data = outlook_data()
    except KompetensbronError as exc:
        info = RegionOutlookInfo(
            basis=basis,
            basis_code=basis_code,
            basis_name=basis_name,
            message=f"Yrkesbarometer files could not be read: {exc}",
            provenance=None,
        )
        return info, shares
    prov = _one_year_prov(data, kind)
    ssyks = {r.ssyk for block in shares if block is not None for r in block.rows}
    cells = _region_cells(data, kind, code, ssyks, prov) if ssyks else {}
    out: list[OccupationShares | None] = [
        None
        if block is None
        else block.model_copy(update={"rows": [r.model_copy(update={"outlook": cells[r.ssyk]}) for r in block.rows]})
        for block in shares
    ]
    return RegionOutlookInfo(basis=basis, basis_code=basis_code, basis_name=basis_name, provenance=prov), out
