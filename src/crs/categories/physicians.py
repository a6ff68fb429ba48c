"""Physicians with Canadian work experience (from 2026).

Sources: IRCC news release of 2025-12-08 (newswire.ca, "Targeted immigration
measures to boost Canada's supply of doctors"); newsbeep.com; mondaq.com;
canadaimmigrationnews.ca.  First round: #397 on 2026-02-19, 391 invitations at
CRS 169.
"""

from __future__ import annotations

from crs.categories._model import (
    CATEGORY_PAGE,
    REVISED_2026,
    TWELVE_MONTHS_CONTINUOUS_IN_CANADA,
    CategoryVersion,
)
from crs.tables import Source

VERSION_1 = CategoryVersion(
    slug="physicians",
    name="Physicians with Canadian Work Experience, 2026-Version 1",
    version="2026-Version 1",
    # Announced 2025-12-08; the instructions were in force by the first round
    # (2026-02-19).  We date it from the 2026 categories announcement, 2026-02-18.
    start=REVISED_2026,
    end=None,
    nocs=("31100", "31101", "31102"),
    # Continuity (categories.md Open Q5, crs-rules D6): the category's own text, as
    # published with round #397 (2026-02-19), asks for "12 months of full-time,
    # continuous work experience"; so did IRCC's announcement of 2025-12-08.  The
    # "need not be continuous" rule of 2026-02-18 is the one of the occupational
    # categories whose six months became twelve.  The most specific official text
    # wins: continuous (medium confidence; see TWELVE_MONTHS_CONTINUOUS_IN_CANADA).
    # Only these three codes count (not 31103 Veterinarians).
    experience=TWELVE_MONTHS_CONTINUOUS_IN_CANADA,
    source=Source(
        "IRCC news release 2025-12-08: targeted immigration measures to boost Canada's "
        "supply of doctors",
        "https://www.newswire.ca/news-releases/targeted-immigration-measures-to-boost-"
        "canada-s-supply-of-doctors-825809311.html",
        note=f"newsbeep.com; mondaq.com; canadaimmigrationnews.ca; {CATEGORY_PAGE}",
    ),
)
"""2026-Version 1: 12 months of continuous work in Canada in NOC 31100, 31101 or 31102."""

VERSIONS = (VERSION_1,)
"""Every version, oldest first."""
