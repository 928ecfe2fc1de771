"""WSGI entry point (gunicorn ``kompetensbron.web.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
application = get_wsgi_application()
