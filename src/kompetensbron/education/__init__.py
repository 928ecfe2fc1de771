"""Education supply: institutions, programmes, courses (syllabi) and their occupation links."""
