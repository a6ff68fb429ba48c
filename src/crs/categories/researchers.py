"""Researchers with Canadian work experience (from 2026-02-18).

Sources: redim.ca; land2air.ca; iccimmigration.ca; the IRCC news release of
2026-02-18.
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
    slug="researchers",
    # categories.md Open Q3: no round yet (to 2026-10-01), so IRCC's name for the
    # rounds is not known; by the pattern of the others it would be "Researchers
    # with Canadian Work Experience, 2026-Version 1" (unverified).
    name="Researchers with Canadian Work Experience (2026)",
    version="2026",
    name_verified=False,
    start=REVISED_2026,
    end=None,
    nocs=("41200", "41201"),
    experience=TWELVE_MONTHS_IN_CANADA,
    source=Source(
        "IRCC, Express Entry: category-based selection – researchers with Canadian work experience",
        CATEGORY_PAGE,
        note="redim.ca; land2air.ca; iccimmigration.ca; IRCC news release 2026-02-18",
    ),
)
"""2026: 12 months of work in Canada in NOC 41200 or 41201."""

VERSIONS = (VERSION_1,)
"""Every version, oldest first."""
