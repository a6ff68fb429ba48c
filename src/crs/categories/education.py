"""Education occupations: new in 2025, renewed in 2026.

Sources: immilink.ca, immilawglobal.com and maplenews.org (2025);
financialexpress.com (2026-03-08) and transcriptions of IRCC's category page (2026).
"""

from __future__ import annotations

import attrs

from crs.categories._model import (
    CATEGORY_PAGE,
    REVISED_2025,
    REVISED_2026,
    SIX_MONTHS_CONTINUOUS,
    TWELVE_MONTHS,
    CategoryVersion,
)
from crs.tables import Source

VERSION_1 = CategoryVersion(
    slug="education",
    name="Education occupations (Version 1)",
    version="Version 1",
    start=REVISED_2025,
    end=REVISED_2026,
    nocs=("41220", "41221", "42202", "42203", "43100"),
    experience=SIX_MONTHS_CONTINUOUS,
    source=Source(
        "IRCC, Express Entry: category-based selection – education occupations",
        CATEGORY_PAGE,
        note="immilink.ca; immilawglobal.com; maplenews.org",
    ),
)
"""The 2025 list (5 occupations)."""

VERSION_2026 = attrs.evolve(
    VERSION_1,
    # categories.md Open Q3: no 2026 education round yet (to 2026-10-01): the name
    # is ours, and the list is unchanged according to transcriptions (medium).
    name="Education occupations (2026)",
    version="2026",
    name_verified=False,
    start=REVISED_2026,
    end=None,
    experience=TWELVE_MONTHS,
    confidence="medium",
    source=Source(
        "IRCC, Express Entry: category-based selection – education occupations (2026)",
        CATEGORY_PAGE,
        confidence="medium",
        note="financialexpress.com 2026-03-08; repository transcriptions of the page",
    ),
)
"""The 2026 list (the 2025 one) under the 12-month rule."""

VERSIONS = (VERSION_1, VERSION_2026)
"""Every version, oldest first."""
