"""Senior managers with Canadian work experience (from 2026-02-18).

Sources: redim.ca; land2air.ca; cicnewsupdate.com; news texts quoting IRCC's
category page; the IRCC news release of 2026-02-18.
"""

from __future__ import annotations

from crs.categories._model import (
    CATEGORY_PAGE,
    REVISED_2026,
    TWELVE_MONTHS_IN_CANADA,
    CategoryVersion,
)
from crs.tables import Source

VERSION_1 = CategoryVersion(
    slug="senior_managers",
    name="Senior managers with Canadian Work Experience, 2026-Version 1",
    version="2026-Version 1",
    start=REVISED_2026,
    end=None,
    nocs=("00012", "00013", "00014", "00015"),
    experience=TWELVE_MONTHS_IN_CANADA,
    source=Source(
        "IRCC, Express Entry: category-based selection – senior managers with Canadian "
        "work experience",
        CATEGORY_PAGE,
        note="redim.ca; land2air.ca; cicnewsupdate.com; IRCC news release 2026-02-18",
    ),
)
"""2026-Version 1: 12 months of work in Canada in NOC 00012-00015."""

VERSIONS = (VERSION_1,)
"""Every version, oldest first."""
