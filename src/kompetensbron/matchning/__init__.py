"""Matchning: a regional exchange of degree projects, placements, internships, mentorships and trainee posts."""
