"""Maintainers' tools: they write the package's data; they are not installed with it.

* :mod:`tools.feed` merges a downloaded copy of IRCC's rounds feed into
  ``src/crs/data/rounds.csv`` and ``pool_distribution.csv``
  (``scripts/update_rounds.py`` is its command line).
"""
