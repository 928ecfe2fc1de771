"""Analyses over the knowledge base (plain Python, no Django): forecasts chosen by back-test
(:mod:`.forecast`) and the supply–demand balance with its uncertainty (:mod:`.balance`).

Importing this package loads no file and no model; statsmodels is imported on first fit.
"""
