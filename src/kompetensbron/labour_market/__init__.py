"""Demand analytics: occupation and region demand from the warehouse, as pages and JSON.

One service layer (:mod:`.services`) reads the job-ad warehouse (DuckDB over the published
Parquet snapshot) and the reference data (labels, kommun → FA-region), and returns one
pydantic result per page / API route (:mod:`.schemas`); :mod:`.api` serialises it and
:mod:`.views` renders it.
"""
