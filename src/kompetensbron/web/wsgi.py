"""WSGI entry point (gunicorn ``kompetensbron.web.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
application = get_wsgi_application()

from kompetensbron.web.warmup import start_warmup  # noqa: E402 - needs the application set up

start_warmup()  # the Yrkesbarometer files and the skill extractor, in the background
