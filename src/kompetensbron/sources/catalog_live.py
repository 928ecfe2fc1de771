"""Registry entries: the publishers' live files and services that refresh commands read.

Unlike the snapshot datasets these have no fixed SHA-256 -- the publisher renews them -- so
each refresh validates what it downloads (parses it, or tests the zip) before it replaces
anything, and records version, data date and hash in the refresh manifest.
"""

from __future__ import annotations

from .dataset import LiveSource

#: JobTech Taxonomy static files of one version (``{version}``, ``{slug}``)
TAXONOMY_STATIC_URL = "https://data.jobtechdev.se/taxonomy/version/{version}/query/{slug}/{slug}.json"
#: the official 1 % sample of one year's ads (enriched, JSON Lines in a zip), 2016 onwards
ADS_SAMPLE_URL = "https://data.jobtechdev.se/annonser/historiska/berikade/exempel/{year}_beta1_1_percent_jsonl.zip"
#: one whole year of ads (JSON Lines in a zip, 0.5–1.4 GB)
ADS_FULL_URL = "https://data.jobtechdev.se/annonser/historiska/{year}.jsonl.zip"

LIVE_SOURCES: tuple[LiveSource, ...] = (
    LiveSource(
        "yrkesbarometer-json",
        "af-yrkesbarometer/yrkesbarometer.json",
        "Yrkesbarometer: job opportunities, recruitment situation and 5-year outlook per occupation × län and Sweden",
        "Arbetsförmedlingen",
        "CC0 1.0",
        "https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json",
        "kompetensbron fetch-barometer",
        renewed_every_years=1,
        note="published twice a year; the round (omgång, e.g. 2026-1) is the date of the data",
    ),
    LiveSource(
        "jobtech-taxonomy",
        "jobtech/taxonomy/",
        "JobTech Taxonomy: a newer published version of the taxonomy datasets",
        "JobTech / Arbetsförmedlingen",
        "CC0 1.0",
        TAXONOMY_STATIC_URL,
        "kompetensbron fetch-taxonomy",
        note="versions listed by the Taxonomy API (main/versions); the static files of a version replace "
        "the snapshot's taxonomy files",
    ),
    LiveSource(
        "ads-historical",
        "jobtech/ads-historical/{kind}-{year}.jsonl.zip",
        "JobTech historical job ads, one year (official 1 % sample, or the whole year)",
        "JobTech / Arbetsförmedlingen",
        "CC0 1.0",
        ADS_SAMPLE_URL,
        "kompetensbron fetch-ads --year YYYY",
        renewed_every_years=None,
        note=f"whole years: {ADS_FULL_URL}",
    ),
)
