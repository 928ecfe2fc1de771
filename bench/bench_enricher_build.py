"""Where the enricher's build time goes: occupation classifier vs. lexicon vs. skill extractor.

    PYTHONPATH=src .venv/bin/python bench/bench_enricher_build.py [--no-load]

Builds, in this process and from the configured data directory (no model cache is read or
written), the parts ``build_enricher`` builds: the reference snapshot and extra sources are read,
then the occupation classifier is trained (it builds its own Swedish lexicon), the lexicon is built
alone (``build_lexicon``) and the skill extractor is built on it (``SkillExtractor.build``). Prints
each phase's wall and CPU time and the pickled size of each model. Unless ``--no-load``, then times
``load_skill_extractor`` and ``load_enricher`` on fresh temporary var dirs (build + save) and the
load of each cache file in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

_LOAD_SNIPPET = """
import sys, time
from pathlib import Path
from kompetensbron.config import Settings
from kompetensbron.enrich import pipeline
t = time.perf_counter()
getattr(pipeline, sys.argv[1])(Settings(var_dir=Path(sys.argv[2]), models_dir=Path(sys.argv[2]) / "models"))
print(f"{time.perf_counter() - t:.2f}")
"""


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - wall:7.1f} s wall {time.process_time() - cpu:7.1f} s CPU")
    return result


def _size(obj: Any) -> str:
    return f"{len(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)) / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-load", action="store_true", help="only the build phases")
    args = parser.parse_args(argv)

    from kompetensbron.config import Settings, get_settings
    from kompetensbron.enrich import pipeline
    from kompetensbron.enrich.occupation_classifier import OccupationClassifier, build_lexicon
    from kompetensbron.enrich.reference_texts import read_enrichment_sources
    from kompetensbron.sources.reference_files import read_reference_snapshot

    data_dir = Path(get_settings().data_dir)
    print(f"data dir {data_dir}; load average {os.getloadavg()[0]:.2f} (1 min)")
    snapshot = _timed("read the reference snapshot", lambda: read_reference_snapshot(data_dir))
    sources = _timed("read the extra sources", lambda: read_enrichment_sources(data_dir))
    classifier = _timed(
        "OccupationClassifier.build (its lexicon, training, calibration)",
        lambda: OccupationClassifier.build(snapshot, sources, include_legacy=True),
    )
    lexicon = _timed("build_lexicon alone", lambda: build_lexicon(snapshot, sources))
    extractor = _timed(
        "SkillExtractor.build on that lexicon", lambda: pipeline.build_skill_extractor(snapshot, sources, lexicon)
    )
    print(f"pickled: classifier {_size(classifier)}, skill extractor (with lexicon) {_size(extractor)}")
    if args.no_load:
        return 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for loader in ("load_skill_extractor", "load_enricher"):
        with tempfile.TemporaryDirectory(prefix="bench-enricher-") as tmp:
            fresh = Settings(data_dir=data_dir, var_dir=Path(tmp), models_dir=Path(tmp) / "models")
            _timed(f"{loader} on a fresh var dir (build + save)", partial(getattr(pipeline, loader), fresh))
            out = subprocess.run(
                [sys.executable, "-c", _LOAD_SNIPPET, loader, tmp], env=env, check=True, capture_output=True, text=True
            )
            print(f"{loader + ' from its cache file, fresh process':<58} {float(out.stdout):7.1f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
