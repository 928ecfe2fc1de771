"""The enrichment pipeline: a DataFrame of job ads → predicted occupation and skills.

``load_enricher()`` returns an :class:`Enricher` (occupation classifier + skill extractor
sharing one Swedish lexicon). It is built from the data directory on first use and cached
(:mod:`.model_cache`: ``settings.model_cache_dir``, by default ``var/models``) in a file named
by a hash of the input files, the model format and the enrichment code, so a changed snapshot
or changed code builds anew. ``load_skill_extractor()`` returns the skill extractor alone, cached
in its own file: taken from a cached enricher when there is one, else built without training
the classifier (seconds instead of minutes). Both build the extractor with
:func:`build_skill_extractor`. Nothing is loaded at import time.

On Spark (``mapInPandas``) or in a process pool, ship ``enricher.handle()`` — a tiny
picklable callable holding only the cache path; each worker process loads the model once
(the cache file must be readable by the workers)::

    handle = load_enricher().handle()

    def enrich(frames):  # df.mapInPandas(enrich, schema)
        for frame in frames:
            yield handle(frame)[["id", *OUTPUT_COLUMNS]]

Columns added by :meth:`Enricher.enrich_frame` (the headline is classified, skills are
extracted from the description):

==========================  =========  ================================================
``ssyk_pred``               str        SSYK-4 code ("" for an empty headline)
``occupation_concept_pred`` str        JobTech occupation-name concept id
``occupation_score``        float      calibrated P(SSYK-4 is right), 0 when empty
``skill_ids``               list[str]  JobTech skill concept ids (ESCO URI when only ESCO)
==========================  =========  ================================================
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources import catalog

from .model_cache import model_path, read_model, remove_stale_models, save_model
from .occupation_classifier import Classification, OccupationClassifier, build_lexicon
from .reference_texts import (
    ESCO_OCCUPATION_MAPPING_FILE,
    ESCO_OCCUPATIONS_FILE,
    ISCO_FILE,
    KEYWORDS_FILE,
    LEGACY_VALUES_FILE,
    SKILL_DESCRIPTIONS_FILE,
    STOPWORDS_FILE,
    VOCATIONS_FILE,
    read_enrichment_sources,
)
from .skill_extractor import SkillExtractor, SkillMatch

__all__ = [
    "ENRICHER_FORMAT",
    "OUTPUT_COLUMNS",
    "Enricher",
    "EnricherHandle",
    "input_files",
    "input_hash",
    "build_enricher",
    "build_skill_extractor",
    "load_enricher",
    "load_skill_extractor",
    "enrich_frame",
    "classify_titles",
    "write_classifications_tsv",
    "extract_skills",
]

ENRICHER_FORMAT = "kompetensbron.enricher/2"  # /2: four gazetteer regimes (issue 15)
SKILL_EXTRACTOR_FORMAT = "kompetensbron.skill-extractor/1"
OUTPUT_COLUMNS = ("ssyk_pred", "occupation_concept_pred", "occupation_score", "skill_ids")
#: Snapshot files the model is built from (relative to the data directory).
_SNAPSHOT_FILES = tuple(
    catalog.dataset(key).path
    for key in ("ssyk-1", "ssyk-2", "ssyk-4", "ssyk-hierarchy", "ssyk-isco", "skills", "esco-jobtech")
)
_EXTRA_FILES = (
    VOCATIONS_FILE,
    STOPWORDS_FILE,
    KEYWORDS_FILE,
    LEGACY_VALUES_FILE,
    SKILL_DESCRIPTIONS_FILE,
    ISCO_FILE,
    ESCO_OCCUPATION_MAPPING_FILE,
    ESCO_OCCUPATIONS_FILE,
)
_LOADED: dict[str, Enricher] = {}
_LOADED_EXTRACTORS: dict[str, SkillExtractor] = {}


@dataclass
class Enricher:
    """Occupation classifier + skill extractor; call it on a DataFrame (see module)."""

    classifier: OccupationClassifier
    extractor: SkillExtractor
    input_hash: str = ""
    path: Path | None = None

    def __call__(self, frame: Any) -> Any:
        return self.enrich_frame(frame)

    @property
    def version(self) -> str:
        """Model identity stored with enriched rows (the warehouse hook contract)."""
        return f"enricher-{self.input_hash[:16] or self.classifier.fingerprint()}"

    def enrich_frame(self, frame: Any) -> Any:
        """A copy of ``frame`` (columns ``headline``, ``description``) with the output columns."""
        missing = [c for c in ("headline", "description") if c not in frame.columns]
        if missing:
            raise DataFileMalformed(f"DataFrame lacks column(s) {', '.join(missing)}", key=missing[0])
        out = frame.copy()
        headlines = [_text(v) for v in frame["headline"].tolist()]
        results = self.classifier.classify_many(headlines, k=1)
        out["ssyk_pred"] = [r.ssyk for r in results]
        out["occupation_concept_pred"] = [r.concept_id for r in results]
        out["occupation_score"] = [float(r.score) for r in results]
        out["skill_ids"] = [self.extractor.skill_ids(_text(v)) for v in frame["description"].tolist()]
        return out

    def handle(self) -> EnricherHandle:
        """A picklable stand-in that loads this enricher from its cache file in each process."""
        if self.path is None or not self.path.is_file():
            raise DataFileMissing("the enricher has no cache file; save it first", path=self.path)
        return EnricherHandle(str(self.path))

    def save(self, path: Path) -> None:
        path = Path(path)
        save_model(path, ENRICHER_FORMAT, self.input_hash, self)
        self.path = path

    @classmethod
    def load(cls, path: Path) -> Enricher:
        """Read a file written by :meth:`save` (only files this platform wrote)."""
        _, enricher = read_model(Path(path), ENRICHER_FORMAT, cls)
        enricher.path = Path(path)
        return enricher


@dataclass(frozen=True)
class EnricherHandle:
    """Picklable: holds the cache path; loads (once per process) on first call."""

    path: str

    @property
    def version(self) -> str:
        """Same as :attr:`Enricher.version` (taken from the cache file name)."""
        return Path(self.path).stem

    def load(self) -> Enricher:
        enricher = _LOADED.get(self.path)
        if enricher is None:
            enricher = _LOADED[self.path] = Enricher.load(Path(self.path))
        return enricher

    def __call__(self, frame: Any) -> Any:
        return self.load().enrich_frame(frame)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def input_files(data_dir: Path) -> list[Path]:
    """The files of ``data_dir`` the model depends on (those that exist)."""
    return [p for p in (Path(data_dir) / f for f in _SNAPSHOT_FILES + _EXTRA_FILES) if p.is_file()]


def input_hash(data_dir: Path) -> str:
    """SHA-256 over the model format, the enrichment code and :func:`input_files`, so a
    changed snapshot or changed model code never reuses an old cache file."""
    h = hashlib.sha256(ENRICHER_FORMAT.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.name.encode())
        h.update(source.read_bytes())
    for path in input_files(data_dir):
        h.update(str(path.relative_to(data_dir)).encode())
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def build_enricher(
    snapshot: Any,
    sources: Any = None,
    *,
    include_legacy: bool = True,
    exclude_concepts: Iterable[str] = (),
    exclude_esco: Iterable[str] = (),
) -> Enricher:
    """Build both models from a snapshot and the extra sources (no caching)."""
    excluded = set(exclude_concepts)
    classifier = OccupationClassifier.build(snapshot, sources, include_legacy=include_legacy, exclude_concepts=excluded)
    lexicon = classifier.lexicon if not excluded else None
    return Enricher(classifier, build_skill_extractor(snapshot, sources, lexicon, exclude_esco=exclude_esco))


def build_skill_extractor(
    snapshot: Any, sources: Any = None, lexicon: Any = None, *, exclude_esco: Iterable[str] = ()
) -> SkillExtractor:
    """The skill extractor of a snapshot (no caching). ``lexicon``: the Swedish lexicon of
    :func:`build_lexicon` (the occupation classifier's own, when it is at hand), built when None."""
    if lexicon is None:
        lexicon = build_lexicon(snapshot, sources)
    background = [[r.definition for r in snapshot.ssyk if r.definition]]
    if sources is not None:
        background.append([d.text for d in sources.skill_descriptions])
    return SkillExtractor.build(snapshot, lexicon, background=background, exclude_esco=exclude_esco)


def _settings(settings: Any) -> Any:
    if settings is None:
        from kompetensbron.config import get_settings

        settings = get_settings()
    return settings


def load_skill_extractor(settings: Any = None, *, rebuild: bool = False) -> SkillExtractor:
    """The skill extractor for ``settings.data_dir`` without the occupation classifier: from
    its cache file, else the extractor of a cached enricher, else built (lexicon + gazetteer,
    no classifier training); cached in ``skills-<digest>.pkl`` beside the enricher."""
    settings = _settings(settings)
    data_dir = Path(settings.data_dir)
    digest = input_hash(data_dir)
    path = model_path(settings, "skills", digest)
    key = str(path)
    if not rebuild:
        if key in _LOADED_EXTRACTORS:
            return _LOADED_EXTRACTORS[key]
        extractor = _cached_extractor(path, digest) or _enricher_extractor(settings, digest)
        if extractor is not None:
            _LOADED_EXTRACTORS[key] = extractor
            return extractor
    from kompetensbron.sources.reference_files import read_reference_snapshot

    extractor = build_skill_extractor(read_reference_snapshot(data_dir), read_enrichment_sources(data_dir))
    _store_extractor(path, digest, extractor)
    return extractor


def _cached_extractor(path: Path, digest: str) -> SkillExtractor | None:
    if not path.is_file():
        return None
    try:
        stored, extractor = read_model(path, SKILL_EXTRACTOR_FORMAT, SkillExtractor)
    except DataFileMalformed:
        return None  # a stale or broken cache file is rebuilt
    return extractor if stored == digest else None


def _enricher_extractor(settings: Any, digest: str) -> SkillExtractor | None:
    """The extractor of the enricher for ``digest`` when it is loaded or cached (saved alone
    too, so the next process reads the small file)."""
    path = model_path(settings, "enricher", digest)
    enricher = _LOADED.get(str(path))
    if enricher is None and path.is_file():
        try:
            enricher = Enricher.load(path)
        except DataFileMalformed:
            return None
        if enricher.input_hash != digest:
            return None
    if enricher is None:
        return None
    _store_extractor(model_path(settings, "skills", digest), digest, enricher.extractor)
    return enricher.extractor


def _store_extractor(path: Path, digest: str, extractor: SkillExtractor) -> None:
    save_model(path, SKILL_EXTRACTOR_FORMAT, digest, extractor)
    remove_stale_models(path.parent, digest)
    _LOADED_EXTRACTORS[str(path)] = extractor


def load_enricher(settings: Any = None, *, rebuild: bool = False) -> Enricher:
    """The enricher for ``settings.data_dir``, from the cache or built and cached."""
    settings = _settings(settings)
    data_dir = Path(settings.data_dir)
    digest = input_hash(data_dir)
    path = model_path(settings, "enricher", digest)
    key = str(path)
    if not rebuild:
        if key in _LOADED:
            return _LOADED[key]
        if path.is_file():
            try:
                enricher = Enricher.load(path)
            except DataFileMalformed:
                enricher = None  # a stale or broken cache file is rebuilt below
            if enricher is not None and enricher.input_hash == digest:
                _LOADED[key] = enricher
                return enricher
    from kompetensbron.sources.reference_files import read_reference_snapshot

    enricher = build_enricher(read_reference_snapshot(data_dir), read_enrichment_sources(data_dir))
    enricher.input_hash = digest
    enricher.save(path)
    remove_stale_models(path.parent, digest)
    _LOADED[key] = enricher
    return enricher


def enrich_frame(frame: Any, enricher: Enricher | None = None) -> Any:
    """:meth:`Enricher.enrich_frame` with the default enricher."""
    return (enricher or load_enricher()).enrich_frame(frame)


def classify_titles(
    lines: Iterable[str], classifier: OccupationClassifier | None = None, *, k: int = 5, batch_size: int = 2048
) -> Iterator[Classification]:
    """One :class:`Classification` per line, in order (an empty line → empty result)."""
    model = classifier or load_enricher().classifier
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= batch_size:
            yield from model.classify_many(batch, k=k)
            batch = []
    if batch:
        yield from model.classify_many(batch, k=k)


def write_classifications_tsv(
    lines: Iterable[str], out: IO[str], classifier: OccupationClassifier | None = None, *, batch_size: int = 2048
) -> int:
    """Write ``title\tssyk\tconcept_id\tscore`` (header, then one row per input line in
    order; an empty line gives empty codes and score 0). Returns the number of rows."""
    model = classifier or load_enricher().classifier
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["title", "ssyk", "concept_id", "score"])
    rows = 0
    batch: list[str] = []

    def flush() -> None:
        for title, res in zip(batch, model.classify_many(batch, k=1), strict=True):
            writer.writerow([title, res.ssyk, res.concept_id, f"{res.score:.4f}"])
        batch.clear()

    for line in lines:
        batch.append(line.rstrip("\r\n"))
        rows += 1
        if len(batch) >= batch_size:
            flush()
    flush()
    return rows


def extract_skills(text: str, extractor: SkillExtractor | None = None) -> list[SkillMatch]:
    """Skills of one text with their spans (default: :func:`load_skill_extractor`)."""
    return (extractor or load_skill_extractor()).extract(text)
