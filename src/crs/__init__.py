"""crs: the exact, explainable, versioned Express Entry CRS calculator."""

from crs._version import __version__

__all__ = ["__version__"]
