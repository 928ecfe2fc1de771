"""Reference data: occupations (SSYK 2012, JobTech), skills (JobTech, ESCO), education (SUN 2020), regions."""
