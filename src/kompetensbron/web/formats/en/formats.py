"""English date formats of the site (``FORMAT_MODULE_PATH``): day before month, never the US
"03/12/2025" that reads as 3 December or 12 March. Every format not named here (input formats,
number separators) is Django's own for ``en``, so forms still accept ISO ``YYYY-MM-DD``."""

DATE_FORMAT = "j F Y"  # 12 March 2025
SHORT_DATE_FORMAT = "j M Y"  # 12 Mar 2025
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
