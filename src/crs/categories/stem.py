"""Science, technology, engineering and mathematics (STEM) occupations.

Sources: the 2023 list from public transcriptions of IRCC's category page; the
2025 list (19 removed, 6 added, 11 in all) from canada.nohproblem.com,
maplenews.org, casimmigration.com and amnimmigration.ca; 2026 from
financialexpress.com (2026-03-08) and transcriptions of the category page.
"""

from __future__ import annotations

import attrs

from crs.categories._model import (
    CATEGORY_PAGE,
    LAUNCHED,
    REVISED_2025,
    REVISED_2026,
    SIX_MONTHS_CONTINUOUS,
    TWELVE_MONTHS,
    CategoryVersion,
    revise,
)
from crs.tables import Source

_LIST_2023 = (
    "20010", "20011", "20012", "21200", "21201", "21202", "21203", "21210",
    "21211", "21220", "21221", "21222", "21223", "21230", "21231", "21232",
    "21233", "21234", "21300", "21310", "21311", "21321", "21322", "41400",
)  # fmt: skip

_REMOVED_2025 = (
    "20010", "20012", "21200", "21201", "21202", "21203", "21210", "21211",
    "21221", "21222", "21223", "21230", "21231", "21232", "21233", "21234",
    "21311", "21322", "41400",
)  # fmt: skip

VERSION_1 = CategoryVersion(
    slug="stem",
    name="STEM occupations (Version 1)",
    aliases=("STEM occupations (2023-1)",),
    version="Version 1",
    start=LAUNCHED,
    end=REVISED_2025,
    nocs=_LIST_2023,
    experience=SIX_MONTHS_CONTINUOUS,
    source=Source(
        "IRCC, Express Entry: category-based selection – STEM occupations",
        CATEGORY_PAGE,
        note="repository transcription of the page; dfimmigration.ca (2025 removals)",
    ),
)
"""The 2023-2024 list (24 occupations)."""

VERSION_2025 = attrs.evolve(
    VERSION_1,
    # categories.md Open Q3: no STEM round was held under the 2025 list, so IRCC's
    # name for it is not known; this name is ours.
    name="STEM occupations (2025)",
    aliases=(),
    version="2025",
    name_verified=False,
    start=REVISED_2025,
    end=REVISED_2026,
    nocs=revise(
        VERSION_1.nocs,
        removed=_REMOVED_2025,
        # 63100 Insurance agents and brokers really is on the 2025 STEM list
        # (several sources agree, categories.md §5).
        added=("21301", "21331", "22300", "22301", "22310", "63100"),
    ),
    source=Source(
        "IRCC, Express Entry: category-based selection – STEM occupations (2025)",
        CATEGORY_PAGE,
        note="canada.nohproblem.com; maplenews.org; casimmigration.com; amnimmigration.ca",
    ),
)
"""The 2025 list (11 occupations); no round was held under it."""

VERSION_2026 = attrs.evolve(
    VERSION_2025,
    # categories.md Open Q3: no 2026 STEM round yet (to 2026-10-01), so the name is
    # ours, and whether the list changed is known only from transcriptions (medium).
    name="STEM occupations (2026)",
    version="2026",
    start=REVISED_2026,
    end=None,
    experience=TWELVE_MONTHS,
    confidence="medium",
    source=Source(
        "IRCC, Express Entry: category-based selection – STEM occupations (2026)",
        CATEGORY_PAGE,
        confidence="medium",
        note="financialexpress.com 2026-03-08; repository transcriptions of the page",
    ),
)
"""The 2026 list (the 2025 one) under the 12-month rule."""

VERSIONS = (VERSION_1, VERSION_2025, VERSION_2026)
"""Every version, oldest first."""
