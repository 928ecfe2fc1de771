"""JavaScript libraries installed by npm (``package.json``), served by the application.

Only the files the pages use are exposed as static files, so ``collectstatic`` and
whitenoise handle two files instead of the ~50 MB of an npm package's ``dist`` folder.
Nothing is ever loaded from a CDN.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

NODE_MODULES = Path(__file__).resolve().parent.parent.parent.parent / "node_modules"

#: static path -> file inside node_modules
VENDOR_FILES = {
    "vendor/htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "vendor/echarts/echarts.min.js": "echarts/dist/echarts.min.js",
}


class VendorFinder(BaseFinder):
    """A static-files finder for :data:`VENDOR_FILES`."""

    def check(self, **kwargs):
        missing = [rel for rel in VENDOR_FILES.values() if not (NODE_MODULES / rel).is_file()]
        if missing:
            return [
                CheckWarning(
                    f"JavaScript libraries missing in {NODE_MODULES}: {', '.join(missing)}; run 'npm ci' (scripts/setup does)",
                    id="kompetensbron.W001",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        rel = VENDOR_FILES.get(path)
        if rel and (NODE_MODULES / rel).is_file():
            match = str(NODE_MODULES / rel)
            return [match] if (find_all or kwargs.get("all")) else match
        return [] if (find_all or kwargs.get("all")) else None

    def list(self, ignore_patterns):
        for static_path, rel in VENDOR_FILES.items():
            source = NODE_MODULES / rel
            if source.is_file():
                storage = FileSystemStorage(location=str(source.parent))
                storage.prefix = static_path.rsplit("/", 1)[0]  # collectstatic joins prefix and name
                yield source.name, storage
