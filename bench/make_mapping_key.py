"""Build the held-out course → occupation key ``bench/mapping_key_heldout.tsv`` (issue 15).

    .venv/bin/python bench/make_mapping_key.py [--data-dir DIR]

Rule (written before the ESCO profiles were measured, never used to tune them): take the MIUN
subjects that are *not* in ``bench_mapping.EVALUATION_KEY`` and whose name is the discipline of
one profession that SSYK 2012 names in a group label (:data:`HELDOUT_SUBJECTS`: subject →
acceptable SSYK prefixes, each justified by the group label); subjects that lead to many
occupations (history, languages, criminology, tourism, medical science …) are left out, and so is
"Arkeologi", whose 344 records are mostly third-cycle (FO) courses of other subjects filed under
it. Only first- and second-cycle courses (level GR or AV) count. From
every chosen subject take up to :data:`PER_SUBJECT` courses by a seeded random draw, then trim
the pool to :data:`SIZE` courses with the same seed. A course counts as mapped acceptably when
one of its suggested groups starts with one of its subject's prefixes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "mapping_key_heldout.tsv"
SEED = 2026
PER_SUBJECT = 7
SIZE = 100
LEVELS = ("GR", "AV")

#: subject → (acceptable SSYK prefixes, the SSYK 2012 label(s) that justify them)
HELDOUT_SUBJECTS: dict[str, tuple[tuple[str, ...], str]] = {
    "Industridesign": (("2171",), "2171 Industridesigner"),
    "Grafisk design": (("2172",), "2172 Grafiska formgivare m.fl."),
    "Kemi": (("2113",), "2113 Kemister"),
    "Kemiteknik": (("2145", "3115"), "2145/3115 civilingenjörer, ingenjörer och tekniker inom kemi och kemiteknik"),
    "Byggnadsteknik": (("2142", "3112"), "2142/3112 civilingenjörer, ingenjörer och tekniker inom bygg och anläggning"),
    "Elektronik": (("2143", "3113"), "2143/3113 civilingenjörer, ingenjörer och tekniker inom elektroteknik"),
    "Fotografi": (("3431",), "3431 Fotografer"),
    "Bildjournalistik": (("2642", "3431"), "2642 Journalister m.fl., 3431 Fotografer"),
    "Ljudproduktion": (("3522",), "3522 Ljus-, ljud- och scentekniker"),
    "Statistik": (("2122",), "2122 Statistiker"),
    "Nationalekonomi": (("2415",), "2415 Nationalekonomer och makroanalytiker m.fl."),
    "Biologi": (("213",), "213 Biologer, farmakologer och specialister inom lant- och skogsbruk m.fl."),
    "Fysik": (("2111",), "2111 Fysiker och astronomer"),
    "Miljöteknik": (("218",), "218 Specialister inom miljö- och hälsoskydd (2183 … miljöteknik)"),
    "Miljövetenskap": (("218",), "218 Specialister inom miljö- och hälsoskydd"),
    "Medie- och kommunikationsvetenskap": (
        ("2432", "2642"),
        "2432 Informatörer, kommunikatörer och PR-specialister, 2642 Journalister",
    ),
    "Svenska som andraspråk": (("23", "2643"), "23 lärare (SVA-lärare), 2643 Översättare, tolkar och lingvister"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_mapping import EVALUATION_KEY

    assert not set(HELDOUT_SUBJECTS) & set(EVALUATION_KEY), "held-out subjects overlap the tuning key"
    by_subject: dict[str, list[tuple[str, str]]] = {}
    with open(args.data_dir / "education" / "kursplaner_miun.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            subject = row.get("AmneBeskrivning") or ""
            if subject in HELDOUT_SUBJECTS and row.get("NivaForkortning") in LEVELS:
                by_subject.setdefault(subject, []).append((row["Kurskod"], row.get("KursplanBenamning") or ""))
    rng = random.Random(SEED)
    pool = []
    for subject in sorted(by_subject):
        courses = sorted(set(by_subject[subject]))
        pool += [(subject, *c) for c in rng.sample(courses, min(PER_SUBJECT, len(courses)))]
    chosen = sorted(rng.sample(pool, min(SIZE, len(pool))), key=lambda r: (r[0], r[1]))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(
            "# Held-out course → occupation key (issue 15), made by bench/make_mapping_key.py; rule in its docstring.\n"
        )
        out.write("# acceptable = SSYK 2012 prefixes whose group label names the profession of the course's subject.\n")
        out.write("course_code\tsubject\tacceptable_ssyk_prefixes\tjustification\ttitle\n")
        for subject, code, title in chosen:
            prefixes, why = HELDOUT_SUBJECTS[subject]
            out.write(f"{code}\t{subject}\t{','.join(prefixes)}\t{why}\t{title}\n")
    print(f"{len(chosen)} courses from {len(by_subject)} subjects → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
