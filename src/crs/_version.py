"""The version of crs, in one place."""

__version__ = "0.6.0"
