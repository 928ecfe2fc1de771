"""Connectors to official open data: snapshot files in the data directory and online APIs.

Plain Python (no Django): each reader returns typed records, each connector takes an
injectable ``httpx.Client``. The dataset catalogue is in :mod:`kompetensbron.sources.catalog`.
"""
