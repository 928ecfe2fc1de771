"""Site search: one search across occupations, regions, programmes, courses, collaborations,
Matchning opportunities and student-housing projects (issue 14, item 1)."""
