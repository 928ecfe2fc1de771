"""The words of the gap pages' notes, method choices and source lines (``/efterfragan/balans/``,
``/efterfragan/prognos/``, their CSV/Excel and JSON): Swedish msgids, English in the app's
catalogue.

:mod:`kompetensbron.analysis` is plain Python and keeps its own (English) texts for the CLI; the
services word what reaches a page through these functions, which translate *when called*: a
result built for one request speaks the language of that request, and nothing cached holds a
sentence.
"""

from __future__ import annotations

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetensbron.analysis.forecast import BASELINE, MIN_GAIN, MethodChoice
from kompetensbron.analysis.outlook import RatedCode
from kompetensbron.sources.yrkesbarometer import FILES as BAROMETER_FILES

__all__ = [
    "linkage_note",
    "supply_note",
    "fa_note",
    "suggested_links_note",
    "no_ads_note",
    "rated_notes",
    "forecast_method_note",
    "names_note",
    "METHOD_NAMES",
    "method_name",
    "band_text",
    "method_reason",
    "balance_methods",
    "forecast_methods",
    "group_method",
    "barometer_source",
]


#: The forecast methods of :data:`kompetensbron.analysis.forecast.METHODS` as the pages name them.
METHOD_NAMES = {
    "naive": gettext_lazy("naiv"),
    "drift": gettext_lazy("drift"),
    "mean": gettext_lazy("medelvärde"),
    "ses": gettext_lazy("enkel exponentiell utjämning"),
    "holt": gettext_lazy("dämpad Holt"),
}


def method_name(method: str) -> str:
    """A forecast method's name in the active language (the id itself for an unknown one)."""
    return str(METHOD_NAMES.get(method, method))


def band_text(band: str) -> str:
    """A margin band of :data:`kompetensbron.analysis.labels.MARGIN_BANDS` (e.g. ``0.1–0.3``) with
    the active language's decimal separator."""
    return band.replace(".", str(get_format("DECIMAL_SEPARATOR")))


def _mae(value: float) -> str:
    return number_format(round(value, 4), 4)


def linkage_note(names_known: bool) -> str:
    """How AF's prognosis occupations relate to SSYK: through the operator's names file, or not at all."""
    if names_known:
        return _(
            "Arbetsförmedlingens prognosyrken (bedomning.csv, historik.csv) kopplas till SSYK genom "
            "administratörens fil af-yrkesbarometer/prognosyrken.csv: prognoserna gäller prognosyrken, "
            "kartan yrkesgrupper (SSYK, 1-ar.xlsx)."
        )
    return _(
        "Arbetsförmedlingens prognosyrken (bedomning.csv, historik.csv) saknar koppling till SSYK i "
        "datakällan, så prognoserna gäller prognosyrken och kartan yrkesgrupper (SSYK, 1-ar.xlsx)."
    )


def supply_note(known: bool) -> str:
    if known:
        return _(
            "Utbud = examinerade från program kopplade till yrkesgruppen (SSYK 4; bekräftade eller manuella "
            "kopplingar, föreslagna bara där gruppen saknar sådana), varje programs senaste år med uppgift, i "
            "regionen för programmets studieort. Det står bredvid bedömningen och ändrar den inte."
        )
    return _(
        "Utbud okänt: inget program med uppgift om examinerade är kopplat till yrket här; bedömningen vilar "
        "på Arbetsförmedlingens bedömningar."
    )


def fa_note() -> str:
    return _(
        "En FA-regions index = medelvärdet över dess kommuner av deras läns index för 1 år "
        "(Arbetsförmedlingen publicerar här inget index per FA-region)."
    )


def suggested_links_note() -> str:
    return _("En del utbudssiffror vilar på föreslagna (ännu inte granskade) kopplingar: se varje rads underlag.")


def no_ads_note() -> str:
    return _("Inga annonsantal för 2024 är inlästa ännu; efterfrågan visas när de har lästs in.")


def rated_notes(rated: RatedCode) -> list[str]:
    """Why the figure shown is not the group's own (AF rates it together with others, or only its SSYK-3 group)."""
    notes = []
    if rated.basis == "af_group" and rated.five_year is not None:
        notes.append(
            _("Arbetsförmedlingen bedömer SSYK %(codes)s tillsammans (%(name)s)")
            % {"codes": ", ".join(rated.five_year.ssyk_codes), "name": rated.five_year.name}
        )
    elif rated.basis == "ssyk3":
        notes.append(
            _("Arbetsförmedlingen bedömer bara SSYK 3-gruppen %(code)s; dess siffra visas") % {"code": rated.code}
        )
    if rated.five_year_note:
        notes.append(
            _("5 år: Arbetsförmedlingen bedömer bara SSYK 3-gruppen %(code)s; dess siffra visas")
            % {"code": rated.ssyk[:3]}
        )
    return notes


def forecast_method_note() -> str:
    return _(
        "Bakåttest med rullande startår på utfall 2015–2019 (pensionsavgångar 2015–2018); senare år i "
        "historik.csv är Arbetsförmedlingens prognoser, som visas bredvid våra men aldrig används som utfall."
    )


def names_note(known: bool) -> str:
    if known:
        return _(
            "Prognosyrkenas namn och yrkesgrupper (SSYK): af-yrkesbarometer/prognosyrken.csv, Arbetsförmedlingens "
            "lista som administratören lagt till (ingår inte i den publicerade datakällan)."
        )
    return _(
        "Arbetsförmedlingens namn på prognosyrkena finns inte i datakällan: en administratör lägger till dem som "
        "af-yrkesbarometer/prognosyrken.csv (kolumnerna conceptidprognosyrke;namn;ssyk, se "
        "docs/prognosyrken_template.md)."
    )


def method_reason(choice: MethodChoice, best_mae: float | None) -> str:
    """Why the back-test chose ``choice.method`` (``best_mae``: the MAE of its best candidate)."""
    if choice.method != BASELINE:
        return _("lägst MAE i bakåttestet och bättre än naiv (%(mae)s mot %(naive)s)") % {
            "mae": _mae(choice.mae),
            "naive": _mae(choice.naive_mae),
        }
    if choice.best_candidate == BASELINE or best_mae is None:
        return _("ingen metod slog den naiva prognosen i bakåttestet")
    return _("%(method)s (MAE %(mae)s) var inte minst %(gain)s %% bättre än naiv (%(naive)s); naiv behålls") % {
        "method": method_name(choice.best_candidate),
        "mae": _mae(best_mae),
        "gain": number_format(MIN_GAIN * 100, 0),
        "naive": _mae(choice.naive_mae),
    }


def balance_methods() -> dict[str, str]:
    """The method line of each source of the balance page, by source key."""
    return {
        "1-ar": _(
            "bedömning: Arbetsförmedlingens klassgränser (under 2,9 överskott, 2,9–3,29 balans, från 3,3 brist); "
            "inom 0,1 från en gräns → balans med hög osäkerhet"
        ),
        "5-ar": _(
            "samma yrkesgrupps nationella index för 5 år, bredvid bedömningen och som bakåttestets senare bedömning"
        ),
        "bedomning": _("nationell bedömning 2024 mot 2026 per prognosyrke (andra bakåttestet)"),
        "ads": _(
            "annonser per SSYK 4 × region; FA-region = summan av dess kommuner; 3-siffriga grupper = summan av deras SSYK 4"
        ),
        "ads_source": _("JobTech-statistik: platsannonser 2024"),
        "supply_source": _("Utbildningsutbud: programår (examinerade) och kopplingar till yrken"),
    }


def forecast_methods(method: str | None = None) -> dict[str, str]:
    """The method line of each source of the forecast page (``method``: the chosen forecast method)."""
    out = {
        "historik": _("index 2015 = 1,00; metoderna naiv, drift, medelvärde, SES och dämpad Holt"),
        "bedomning": _(
            "yrkesgrupper: Arbetsförmedlingens nationella bedömning 2024 och storleksklass (yrkesverksamma)"
        ),
    }
    if method is not None:
        out["forecast"] = _(
            "metod vald genom bakåttest: %(method)s; band = 80:e percentilen av bakåttestets fel, bredare bortom 2 år"
        ) % {"method": method_name(method)}
    return out


def group_method() -> str:
    return _(
        "grupp = dess medlemslän: annonser, examinerade och program summerade över medlemmarna; index = "
        "ovägt medelvärde av medlemmarnas index för 1 år, bedömningar räknade per medlem; alla yrken: andel i "
        "brist = celler i brist / bedömda celler över medlemmarna"
    )


def barometer_source(key: str) -> tuple[str, str]:
    """(title, period) of a Yrkesbarometer file of :data:`kompetensbron.sources.yrkesbarometer.FILES`
    in the active language (the registry's msgids, translated here)."""
    f = BAROMETER_FILES[key]
    return _(f.title), _(f.period)
