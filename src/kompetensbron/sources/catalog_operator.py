"""Registry entries: files an operator adds to the data directory by hand (optional, no fixed hash).

Nothing downloads them; their readers validate every row and say what is missing when they
are absent (e.g. the forecast page labels AF's prognosis occupations by their figures).
"""

from __future__ import annotations

from .dataset import OperatorFile

OPERATOR_FILES: tuple[OperatorFile, ...] = (
    OperatorFile(
        "yrkesbarometer-prognosyrken",
        "af-yrkesbarometer/prognosyrken.csv",
        "Yrkesbarometer: names and SSYK 2012 codes of Arbetsförmedlingen's prognosis occupations",
        "Arbetsförmedlingen (its list of prognosis occupations, added by the operator)",
        "conceptidprognosyrke;namn;ssyk[;name_en]",
        "docs/prognosyrken_template.md",
    ),
)
