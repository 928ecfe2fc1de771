"""Kompetensbron: a platform for Swedish regional competence supply.

Importing this package has no side effects: no settings are read, no file is opened
and no Django set-up happens until a caller asks for it.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
