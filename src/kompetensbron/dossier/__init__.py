"""Relevance dossier per programme (MERUT): target occupations, demand, outlook, skill
coverage, council/employer input and a written summary; page, JSON, PDF and Excel."""
