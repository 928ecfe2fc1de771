"""Graduate supply and retention: the Saco retention study, UHR admissions, imported UKÄ / SCB figures."""
