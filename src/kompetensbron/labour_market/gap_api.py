"""JSON routes of the gap analysis (``/api/v1/gap/``): thin wrappers over :mod:`.gap_services`.

Routes::

    GET /api/v1/gap/balance?ssyk=&region_level=lan|fa   labels per region, hit rates, sources
        &group=stockholm-malaren|g<id>                   a region group of län: its members and aggregate
    GET /api/v1/gap/label-backtests                      how often labels held (two back-tests)
    GET /api/v1/gap/forecasts/backtest                   MAE/MAPE per method and group vs naive
    GET /api/v1/gap/forecasts/{occupation_id}?measure=   history + forecast of one prognosis occupation

Unknown SSYK codes, occupations, measures, region levels and groups answer 404; a group of
kommuner on the balance map 422.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kompetensbron.input_types import Code, bounded_line
from kompetensbron.reference.schemas import ErrorOut
from kompetensbron.region_levels import RegionLevel

from . import gap_services as services
from .gap_groups import gap_group_map

router = Router(tags=["gap"])


class BalanceQuery(Schema):
    ssyk: Code | None = Field(
        None, description="SSYK code of the Yrkesbarometer (4 digits, a few 3); empty = share in shortage"
    )
    region_level: Code = Field(RegionLevel.LAN, description="lan or fa")
    ssyk_level: bounded_line(200) = Field(  # type: ignore[valid-type]
        "",
        description="limit the share in shortage to SSYK codes of levels 1–3 (comma-separated) or 'higher-education'",
    )
    group: Code | None = Field(
        None,
        description="a region group of län (predefined key, e.g. stockholm-malaren, or g<id>); overrides region_level",
    )


class MeasureQuery(Schema):
    measure: Code = Field("demand", description="demand, entrants or retirements")


@router.get(
    "/balance",
    response={200: services.GapMap, 404: ErrorOut, 422: ErrorOut},
    summary="Shortage / balance / surplus per region (or region group) with uncertainty",
    url_name="gap_balance",
)
def balance(request: HttpRequest, params: Query[BalanceQuery]):
    if params.group:
        return gap_group_map(group=params.group, ssyk=params.ssyk or None, ssyk_level=params.ssyk_level)
    return services.gap_map(ssyk=params.ssyk or None, region_level=params.region_level, ssyk_level=params.ssyk_level)


@router.get(
    "/label-backtests",
    response=list[services.LabelBacktestOut],
    summary="How often shortage labels held",
    url_name="gap_label_backtests",
)
def label_backtests(request: HttpRequest):
    return services.label_backtests()


@router.get(
    "/forecasts/backtest",
    response=services.ForecastBacktestOut,
    summary="Forecast back-test: MAE/MAPE vs naive",
    url_name="gap_forecast_backtest",
)
def forecast_backtest(request: HttpRequest):
    return services.forecast_backtest()


@router.get(
    "/forecasts/{occupation_id}",
    response={200: services.OccupationForecastOut, 404: ErrorOut},
    summary="Forecast of one prognosis occupation",
    url_name="gap_occupation_forecast",
)
def occupation_forecast(request: HttpRequest, occupation_id: Code, params: Query[MeasureQuery]):
    return services.occupation_forecast(occupation_id, params.measure)
