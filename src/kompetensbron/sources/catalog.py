"""The source registry: every dataset the platform reads, declared once.

Each :class:`Dataset` says where the file lives in the data directory (``path``), what it
is (title, publisher, version, the date of the data -- not of the download -- and licence),
where it comes from (``url``: the publisher's download URL, or a public copy pinned to a
commit where one is known; ``None`` for files derived by format conversion, which come from
a mirror only), its SHA-256 and size, and whether ``init`` stops without it (``required``).

Every reader gets its path from here (:func:`dataset`, :func:`resolve`), ``fetch-data``
downloads what is missing or fails its hash (:mod:`kompetensbron.sources.data_fetch`),
``data-status`` / ``info`` / the start page report on it
(:mod:`kompetensbron.sources.data_status`), and provenance records in the database point
back to the keys. The hashes and sizes are those of the snapshot in ``../shared/data``
(``SOURCES.md`` there names each origin).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMissing

__all__ = ["Dataset", "DATASETS", "dataset", "resolve", "file_sha256", "MIRROR_SETTING"]

#: the environment variable that points every command at a mirror of the data directory
MIRROR_SETTING = "KOMPETENSBRON_DATA_MIRROR"


@dataclass(frozen=True, slots=True)
class Dataset:
    key: str
    path: str  # relative to the data directory
    title: str
    publisher: str
    version: str
    licence: str
    required: bool = True  # init stops without it
    data_date: str = ""  # the date (or year) of the data, not of the download
    url: str | None = None  # publisher's URL or a pinned public copy; None: mirror only
    sha256: str = ""
    size: int = 0
    #: the publisher renews this kind of data at least every so many years; older is flagged
    renewed_every_years: int | None = None


_TAXONOMY_2025 = "JobTech Taxonomy static datasets, snapshot 2025-12"
_DATASETS = [
    Dataset(
        "ssyk-1", "jobtech/taxonomy/ssyk-level-1-groups.json", "SSYK 2012 major groups", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/ssyk-level-1-groups.json",
        sha256="431da94638a4393fbbecfefa9eecfb8497281eb977f59511334123e41d1905f7", size=1869,
    ),
    Dataset(
        "ssyk-2", "jobtech/taxonomy/ssyk-level-2-groups.json", "SSYK 2012 sub-major groups", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/ssyk-level-2-groups.json",
        sha256="a12c460f8e4a6196ecf52807704d271d0f638e93cafac769917005a757c3392d", size=9143,
    ),
    Dataset(
        "ssyk-4", "jobtech/taxonomy/ssyk-level-4-groups.json", "SSYK 2012 unit groups with definitions", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/ssyk-level-4-groups.json",
        sha256="5f964b4f668745240687cdec6b8f164dd8c141d957d7cfd2c1db1e7596aeba76", size=153173,
    ),
    Dataset(
        "ssyk-hierarchy", "jobtech/taxonomy/the-ssyk-hierarchy-with-occupations.json", "SSYK hierarchy with occupation-names", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/the-ssyk-hierarchy-with-occupations.json",
        sha256="57fd0ffd01b97d445ee308ae6fe1fa67cf6bfe82948a4eb670605f9355371e1d", size=398708,
    ),
    Dataset(
        "ssyk-isco", "jobtech/taxonomy/ssyk-level-4-with-related-isco-level-4-groups.json", "SSYK-4 ↔ ISCO-08 links", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/ssyk-level-4-with-related-isco-level-4-groups.json",
        sha256="aea2431fe5a5ca27b9d1a37c748ba6857c4d5a43f775a7bd9542751d313d82cc", size=950037,
    ),
    Dataset(
        "skills", "jobtech/taxonomy/skills.json", "JobTech skills", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/skills.json",
        sha256="10701b5956de15758d9fdfea42a6b44a3eb94dae9e5b31dac7002d59e2624fbc", size=543655,
    ),
    Dataset(
        "sun-levels", "jobtech/taxonomy/sun-level-hierarchy.json", "SUN 2020 levels", "SCB via JobTech", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/sun-level-hierarchy.json",
        sha256="90d12227c20117c99a9d6a6b6444230823e2004333e6977593726d7c018da702", size=37868,
    ),
    Dataset(
        "sun-fields", "jobtech/taxonomy/sun-field-hierarchy.json", "SUN 2020 fields", "SCB via JobTech", _TAXONOMY_2025, "JobTech open data",
        required=True, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/sun-field-hierarchy.json",
        sha256="395813d0d0fc238127bd7565f056f902ace8bf3c511d3902dc219eb2d3449789", size=172889,
    ),
    Dataset(
        "isco-4", "jobtech/taxonomy/isco-level-4-groups.json", "ISCO-08 unit groups with definitions (enrichment)", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=False, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/isco-level-4-groups.json",
        sha256="1468c687abb73f1435e16f974c915086046844bcfcfe151714b8b18c4d7d627b", size=586098,
    ),
    Dataset(
        "keywords", "jobtech/taxonomy/keyword-concepts-with-relations.json", "Keyword concepts with relations (enrichment)", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data",
        required=False, data_date="2025-12", url="https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/keyword-concepts-with-relations.json",
        sha256="e3225b6cfede9ffdfbfb14ac1019919c5d53c9279236df3e0c0bb91ab63239fc", size=328943,
    ),
    Dataset(
        "taxonomy-2021-values", "jobtech/taxonomy-2021/values.json", "JobTech taxonomy values (~2021): occupation-names, municipalities, regions", "JobTech / Arbetsförmedlingen", "JobTech Taxonomy ~v1 (2021)", "Apache-2.0",
        required=True, data_date="2021", url=None,
        sha256="a486a98ce2b498aad4715b94f518b973762421a06883a8d2b3bcc94f1630214d", size=3116205,
    ),
    Dataset(
        "taxonomy-2021-legacy", "jobtech/taxonomy-2021/taxonomy-to-concept.json", "Legacy AMS ids → concept ids (reading old ads)", "JobTech / Arbetsförmedlingen", "JobTech Taxonomy ~v1 (2021)", "EPL-1.0",
        required=False, data_date="2021", url="https://raw.githubusercontent.com/JobtechSwe/jobtech-taxonomy-database/HEAD/resources/taxonomy-to-concept.json",
        sha256="620361c957cf4eee8c4d5516c299deb84d9326414a26340abc8dd4d41b30f9d8", size=2514924,
    ),
    Dataset(
        "esco-jobtech", "esco/SE_NSC_ESCO_109_skills_mapping_2023-11-30.csv", "Official ESCO 1.0.9 ↔ JobTech v21 skill mapping with Swedish ESCO labels (SKOS)", "ESCO / Arbetsförmedlingen", "ESCO 1.0.9 / JobTech taxonomy v21, 2023-11-30", "ESCO CC BY 4.0",
        required=True, data_date="2023-11-30", url=None,
        sha256="177117cc3d5cc04a2a273563931d544f04acb81cff41ff478906a1a50977f124", size=3965776,
    ),
    Dataset(
        "esco-relations", "esco/occupationSkillRelations.csv.gz", "ESCO occupation ↔ skill relations (essential / optional)", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0",
        required=False, data_date="2022-12", url=None,
        sha256="6e9241cf6ae84d5449662b4adf0c6b436e0b5e0e5ef3b0786b372ae7eac4c551", size=2937909,
    ),
    Dataset(
        "esco-occupations", "esco/occupations_en.csv", "ESCO occupations with ISCO-08 groups, English labels", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0",
        required=False, data_date="2022-12", url=None,
        sha256="3bc96bf77d3979b438d7215df474af0cb94441985a91687d99e4c185359eb942", size=2895888,
    ),
    Dataset(
        "esco-skills", "esco/skills_en.csv", "ESCO skills and knowledge, English labels", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0",
        required=False, data_date="2022-12", url=None,
        sha256="d20071099e1a0146313ca0a071cc2a132ed9b091349c1ca538b67d6e5643779f", size=9494315,
    ),
    Dataset(
        "esco-occupation-mapping", "esco/SE_mapping_occupations_v1.1.1.csv", "Swedish ESCO ↔ JobTech occupation mapping (ESCO - SE NOC, SKOS)", "ESCO / Arbetsförmedlingen", "ESCO v1.1.1 / JobTech taxonomy v18", "ESCO CC BY 4.0",
        required=False, data_date="2022-12", url="https://raw.githubusercontent.com/Avature/melo-benchmark/59a5753ac136dd829fe53bbe29c90f8431d8f4b3/data/raw/crosswalks_original/european_vs_esco/SE_mapping%20Occupations%20v1.1.1.csv",
        sha256="de039be154af9b988b79e56f13ccf1b23997728ec97aa3a1811bbf173326af97", size=1719344,
    ),
    Dataset(
        "saco-from-county", "graduates/saco2015_follow_students_from_county.csv", "Saco: students from each län — study län → län of residence ten years later", "Saco (SCB register data)", "Saco 2015, cohort HT2000–VT2003", "terms not stated",
        required=False, data_date="2015", url=None,
        sha256="fe39ff763b4fa583d22124777d07c0aafab212338b2d80120ad8cb9d166f0e45", size=10883,
    ),
    Dataset(
        "saco-in-county", "graduates/saco2015_follow_students_in_county.csv", "Saco: students in each län — origin → län of residence ten years later", "Saco (SCB register data)", "Saco 2015, cohort HT2000–VT2003", "terms not stated",
        required=False, data_date="2015", url=None,
        sha256="2e4ad08a9aa41d4dc7cb73bfd3b8ea42f4c3eeeca81ede244210acd1dffa43dc", size=7432,
    ),
    Dataset(
        "uhr-admissions", "graduates/uhr_antagningsstatistik_2010-2022_scraped.json", "UHR admission statistics per programme and term (applicants, first-hand applicants, admitted)", "UHR (scraped)", "2010–2022", "UHR public statistics",
        required=False, data_date="2022", url=None,
        sha256="a879a82aa1d1f42d12060792d929e0407201a01384327fca6cf2e2ef48476d1f", size=1265423,
    ),
    Dataset(
        "ssyk-sun", "scb-sun/ssyk_sun2020_kopplingsschema_af.csv", "SSYK-4 ↔ SUN 2020 linking table", "Arbetsförmedlingen", "AF working file (SUN 2020)", "public",
        required=True, data_date="undated (SUN 2020)", url=None,
        sha256="504f42a1f6bf7411cb167ccdc1bad08f64185e27ae22d91331fc1ebc7c754e75", size=2613,
    ),
    Dataset(
        "lan", "svensktext/platser_lan.csv", "Län with population", "SCB via svensktext", "svensktext snapshot", "free reuse",
        required=True, data_date="undated", url=None,
        sha256="e22ca9e4718ee2805a454447b6f48368698480f9d3e8dd8068fab8fa0af18fcc", size=1372,
    ),
    Dataset(
        "kommuner", "svensktext/platser_kommuner.csv", "Kommuner with population and area", "SCB via svensktext", "svensktext snapshot", "free reuse",
        required=True, data_date="undated", url=None,
        sha256="d52b3c496ef0b316aa215fdf5f7bc79feddc1134729d802f735437f3ee1b6771", size=41329,
    ),
    Dataset(
        "vocations", "svensktext/yrken_vocations.csv", "Swedish occupational titles with gender (enrichment)", "Språkbanken via svensktext", "svensktext snapshot", "CC BY",
        required=False, data_date="undated", url=None,
        sha256="153ac3dd67b8c24d591208dcea59ac3251d7c0c7cc07f2670586b27aed4f7805", size=320231,
    ),
    Dataset(
        "stopwords", "svensktext/stoppord_stoppord.csv", "Swedish stop words (enrichment)", "svensktext", "svensktext snapshot", "free reuse",
        required=False, data_date="undated", url=None,
        sha256="d9b32ee334e510321d0a45ee83e7ea9f08c55b7644b03223cea0d1c7487b5626", size=1939,
    ),
    Dataset(
        "fa-regions", "af-yrkesbarometer/kommuner.xlsx", "Kommun → FA-region (FA15)", "Tillväxtverket / Arbetsförmedlingen", "FA15", "public",
        required=True, data_date="2022-08-16", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/kommuner.xlsx",
        sha256="4d12729cfb9f7f5c60b35e51e6f5896c9dfb09759d51ae8ff582a62d3ee641c8", size=18998,
    ),
    Dataset(
        "geo-kommuner", "geo/swedish_municipalities.geojson", "Kommun boundaries (simplified)", "okfse/sweden-geojson", "snapshot", "free reuse",
        required=True, data_date="undated", url="https://raw.githubusercontent.com/okfse/sweden-geojson/HEAD/swedish_municipalities.geojson",
        sha256="2ec4ad1facf704435e177c32f304cb0b207c42ce1b173e16b33241a18825e2a9", size=818064,
    ),
    Dataset(
        "geo-lan", "geo/swedish_regions.geojson", "Län boundaries (simplified)", "okfse/sweden-geojson", "snapshot", "free reuse",
        required=True, data_date="undated", url="https://raw.githubusercontent.com/okfse/sweden-geojson/HEAD/swedish_regions.geojson",
        sha256="efe362e7fdb5ec3501664a8e0294a694b840f705a0fb05484281f98d1eb15d7c", size=48197,
    ),
    Dataset(
        "geo-fa", "af-yrkesbarometer/fa_regioner_tillvaxtverket.kml", "FA-region boundaries (FA15)", "Tillväxtverket", "FA15", "public",
        required=False, data_date="undated (FA15)", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/fa_regioner_tillvaxtverket.kml",
        sha256="83632ba5bb97661a8eaa5937cdeb5674a3e61f12a38cccdb75275d7c9240e7ab", size=395384,
    ),
    Dataset(
        "yrkesbarometer-historik", "af-yrkesbarometer/historik.csv", "Yrkesbarometer: yearly indices 2015–2023 with projections", "Arbetsförmedlingen", "Yrkesbarometer historik", "Arbetsförmedlingen public data",
        required=False, data_date="2023", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/historik.csv",
        sha256="29a89f772dc8f02401e80392696f69620e4441cd364e8c1aedf075bca3ca7c5c", size=73899, renewed_every_years=1,
    ),
    Dataset(
        "yrkesbarometer-bedomning", "af-yrkesbarometer/bedomning.csv", "Yrkesbarometer: assessment per prognosis occupation and FA-region (2024, 2026)", "Arbetsförmedlingen", "bristindex 2024/2026", "Arbetsförmedlingen public data",
        required=False, data_date="2024", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/bedomning.csv",
        sha256="02821409d88516fb0bea68b0ffeeb6baf972e36db822192875cb01b81e5a78b8", size=645883, renewed_every_years=1,
    ),
    Dataset(
        "yrkesbarometer-1-ar", "af-yrkesbarometer/1-ar.xlsx", "Yrkesbarometer: 1-year forecast per län × SSYK", "Arbetsförmedlingen", "workbook saved 2019-06-24", "Arbetsförmedlingen public data",
        required=False, data_date="2019-06", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/1-ar.xlsx",
        sha256="0c36999fa3fac734e2aaafb34c16d7e3651c8b1ab5c32844a6d25fc7562908ea", size=439249, renewed_every_years=1,
    ),
    Dataset(
        "yrkesbarometer-5-ar", "af-yrkesbarometer/5-ar.xlsx", "Yrkesbarometer: 5-year forecast per SSYK", "Arbetsförmedlingen", "workbook saved 2019-06-24", "Arbetsförmedlingen public data",
        required=False, data_date="2019-06", url="https://raw.githubusercontent.com/team-vagledning/yrkesinfo/HEAD/storage/imports/bristindex/5-ar.xlsx",
        sha256="e85ec8429295da8a630d4b0a25e73540faa65ca4e739dc45e4c2044d905d90fa", size=29252, renewed_every_years=1,
    ),
    Dataset(
        "statistics-ads-2024-lan", "jobtech/statistics/ssyk_id_region_annonser_2024.json", "Job ads 2024 per occupation group × län", "JobTech (aggregated by androjon/yrkesinfo)", "2024 aggregates", "JobTech open data",
        required=False, data_date="2024", url="https://raw.githubusercontent.com/androjon/yrkesinfo/HEAD/ssyk_id_region_annonser_2024.json",
        sha256="1b49bfd4bc2b43dc90947b7aa391cddc69ea2820262ba8f7b302d169b8844713", size=201685, renewed_every_years=2,
    ),
    Dataset(
        "statistics-ads-2024-kommun", "jobtech/statistics/ssyk_region_kommun_annonser_2024.json", "Job ads 2024 per occupation group × kommun", "JobTech (aggregated by androjon/yrkesinfo)", "2024 aggregates", "JobTech open data",
        required=False, data_date="2024", url="https://raw.githubusercontent.com/androjon/yrkesinfo/HEAD/ssyk_region_kommun_annonser_2024.json",
        sha256="0d05e00e9964ba34de676755b29734af89e883f815465ebdbf4a8968aebec7e8", size=1275103, renewed_every_years=2,
    ),
    Dataset(
        "statistics-platsbanken", "jobtech/statistics/platsbanken.json", "Open Platsbanken ads per occupation group × area", "JobTech (aggregated by androjon/yrkesinfo)", "undated snapshot", "JobTech open data",
        required=False, data_date="undated", url="https://raw.githubusercontent.com/androjon/yrkesinfo/HEAD/platsbanken.json",
        sha256="69fb227c53b34c6085e87d1150a0ac6aac537ecb0fe83f0fec21c7d171fe6f23", size=431059,
    ),
    Dataset(
        "statistics-barometer-regional", "jobtech/statistics/barometer_regional.json", "Yrkesbarometer per barometer occupation × län", "Arbetsförmedlingen (via androjon/yrkesinfo)", "undated", "JobTech open data",
        required=False, data_date="undated", url="https://raw.githubusercontent.com/androjon/yrkesinfo/607d081f2347fdfc2fd27b26a0038474e547dbfe/barometer_regional.json",
        sha256="9e07659060221d56a99b6005f7de2a81f1c1fceb3a12997cd9e7fe543aed7190", size=258475,
    ),
    Dataset(
        "statistics-salary", "jobtech/statistics/ssyk_salary.json", "Monthly salary P10 / average / P90 per SSYK-4 (SEK)", "androjon/yrkesinfo (probably SCB)", "2023 (per source app)", "JobTech open data",
        required=False, data_date="2023", url="https://raw.githubusercontent.com/androjon/yrkesinfo/HEAD/ssyk_salary.json",
        sha256="3246bbb77be36e354257a0be843c3ef191c296b199ea6e9089a1658018ead443", size=23165, renewed_every_years=2,
    ),
    Dataset(
        "skill-descriptions", "jobtech/statistics/kompetens_beskrivning.json", "Skill descriptions (machine-written; enrichment)", "androjon/yrkesinfo", "undated", "JobTech open data",
        required=False, data_date="undated", url="https://raw.githubusercontent.com/androjon/yrkesinfo/HEAD/kompetens_beskrivning.json",
        sha256="9e2a408bf6b40308f125acf6091e80445c9fdb301c245f23ac548a87b5e53982", size=2349287,
    ),
    Dataset(
        "syllabi-miun", "education/kursplaner_miun.jsonl", "Mid Sweden University course syllabi with learning outcomes", "Mittuniversitetet (via amandakann/kursplansanalys)", "3,586 syllabi", "public documents",
        required=False, data_date="undated", url=None,
        sha256="bd0f87c1e2d99b0d1885e0a5691cb2796606f9bcf8ce4fcc3f471c999cf2aef5", size=7233152,
    ),
]
DATASETS: dict[str, Dataset] = {d.key: d for d in _DATASETS}


def dataset(key: str) -> Dataset:
    return DATASETS[key]


def resolve(data_dir: Path, key: str) -> Path:
    """The absolute path of a dataset in ``data_dir``; raises if it is missing."""
    ds = DATASETS[key]
    path = Path(data_dir) / ds.path
    if not path.is_file():
        raise DataFileMissing(
            f"dataset '{ds.title}' not found. Set KOMPETENSBRON_DATA_DIR to a directory with the "
            f"official snapshot layout (see README, 'Data'), or run 'kompetensbron fetch-data' "
            f"(from the publishers, or from a mirror set by {MIRROR_SETTING}).",
            path=path,
        )
    return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
