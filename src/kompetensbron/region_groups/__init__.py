"""Region groups: analyses over a group of län or kommuner (predefined Stockholm–Mälaren, or an organisation's own)."""
