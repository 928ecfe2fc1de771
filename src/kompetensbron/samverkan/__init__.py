"""Samverkan: organisations, agreements, bodies, activities in the life-cycle phases,
decisions, funding applications, indicators and the yearly follow-up (Django app ``samverkan``)."""
