"""Agriculture and agri-food occupations: 2023 to 2026-02-17, then retired.

Sources: the 2023 list from public transcriptions of IRCC's category page;
bartlaw.ca and jbiimmigration.com (2025: 82030 and 82031 removed);
canadaimmigrationnews.ca (retired in 2026).
"""

from __future__ import annotations

import attrs

from crs.categories._model import (
    CATEGORY_PAGE,
    LAUNCHED,
    REVISED_2025,
    REVISED_2026,
    SIX_MONTHS_CONTINUOUS,
    CategoryVersion,
    revise,
)
from crs.tables import Source

VERSION_1 = CategoryVersion(
    slug="agriculture",
    name="Agriculture and agri-food occupations (Version 1)",
    aliases=("Agriculture and agri-food occupations (2023-1)",),
    version="Version 1",
    start=LAUNCHED,
    end=REVISED_2025,
    nocs=("63201", "82030", "82031"),
    experience=SIX_MONTHS_CONTINUOUS,
    source=Source(
        "IRCC, Express Entry: category-based selection – agriculture and agri-food occupations",
        CATEGORY_PAGE,
        note="repository transcription of the page; bartlaw.ca (2025 removals)",
    ),
)
"""The 2023-2024 list (3 occupations)."""

VERSION_2025 = attrs.evolve(
    VERSION_1,
    # No round was held under the 2025 list: the name is ours (categories.md §4).
    name="Agriculture and agri-food occupations (2025)",
    aliases=(),
    version="2025",
    name_verified=False,
    start=REVISED_2025,
    end=REVISED_2026,
    nocs=revise(VERSION_1.nocs, removed=("82030", "82031")),
    confidence="medium-high",
    source=Source(
        "IRCC, Express Entry: category-based selection – agriculture and agri-food (2025)",
        CATEGORY_PAGE,
        confidence="medium",
        note="bartlaw.ca; jbiimmigration.com (0 added, 2 removed); "
        "canadaimmigrationnews.ca (retired 2026-02-18)",
    ),
)
"""The 2025 list (63201 Butchers only); retired on 2026-02-18."""

VERSIONS = (VERSION_1, VERSION_2025)
"""Every version, oldest first."""
