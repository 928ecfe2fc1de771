"""Load the costly per-process artefacts when a server process starts, not on a user's click.

:func:`start_warmup` (called by the WSGI entry point, so by ``kompetensbron serve`` and any
WSGI server, never by tests or the CLI) loads, in a daemon thread: the parsed Yrkesbarometer
files with their label back-test (the dossier's outlook, the gap pages) and the skill
extractor (the dossier's skills) and the occupation mapper (the dossier's "suggest target
occupations" action: all syllabi as IDF background, seconds to a minute). Pages never wait for it: the dossier answers at once and
fetches its figures apart; a figure asked for before the warm-up is done loads as before.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

__all__ = ["start_warmup", "warm_up"]

log = logging.getLogger(__name__)


def warm_up() -> None:
    from django.db import connection

    from kompetensbron.analysis.barometer_data import barometer_data
    from kompetensbron.config import get_settings
    from kompetensbron.dossier.figures import skill_extractor

    try:
        s = get_settings()
        barometer_data(Path(s.data_dir))
        skill_extractor()
        from kompetensbron.dossier.mapping import occupation_mapper

        occupation_mapper()
    except Exception as exc:  # a missing data file or model: the pages say so when asked
        log.warning("warm-up incomplete: %s", exc)
    finally:
        connection.close()


def start_warmup() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="kompetensbron-warmup", daemon=True)
    thread.start()
    return thread
