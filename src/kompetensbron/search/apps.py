from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kompetensbron.search"
    label = "site_search"
    verbose_name = "Sök"
