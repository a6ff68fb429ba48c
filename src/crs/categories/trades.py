"""Trade occupations (the draw category, not the Federal Skilled Trades program).

Sources: the 2023 list from public transcriptions of IRCC's category page; the
2025 list (25 occupations, cooks among them) from unaimmi.cn and jbiimmigration.com
(+19/-4); the 2026 list from canadianow.com (2026-03-03: butchers in, cooks out),
saabimmigration.ca and financialexpress.com (2026-02-19).
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
    "72014", "72106", "72200", "72300", "72310", "72400", "72402", "72405",
    "72406", "73200",
)  # fmt: skip

_ADDED_2025 = (
    "22303", "63200", "70010", "70011", "72100", "72102", "72201", "72302",
    "72311", "72320", "72401", "72422", "72501", "72999", "73100", "73110",
    "73112", "73113", "82021",
)  # fmt: skip

VERSION_1 = CategoryVersion(
    slug="trades",
    name="Trade occupations (Version 1)",
    aliases=("Trade occupations (2023-1)",),
    version="Version 1",
    start=LAUNCHED,
    end=REVISED_2025,
    nocs=_LIST_2023,
    experience=SIX_MONTHS_CONTINUOUS,
    source=Source(
        "IRCC, Express Entry: category-based selection – trade occupations",
        CATEGORY_PAGE,
        note="repository transcriptions of the page; jbiimmigration.com (2025 removals)",
    ),
)
"""The 2023-2024 list (10 occupations)."""

VERSION_2 = attrs.evolve(
    VERSION_1,
    name="Trade occupations (Version 2)",
    aliases=(),
    version="Version 2",
    start=REVISED_2025,
    end=REVISED_2026,
    nocs=revise(
        VERSION_1.nocs,
        removed=("72014", "72405", "72406", "73200"),
        added=_ADDED_2025,
    ),
    source=Source(
        "IRCC, Express Entry: category-based selection – trade occupations (2025)",
        CATEGORY_PAGE,
        note="unaimmi.cn (the 25 codes); jbiimmigration.com (+19/-4)",
    ),
)
"""The 2025 list (25 occupations, with 63200 Cooks)."""

VERSION_3 = attrs.evolve(
    VERSION_2,
    name="Trades Occupations, 2026-Version 3",
    version="2026-Version 3",
    start=REVISED_2026,
    end=None,
    nocs=revise(VERSION_2.nocs, removed=("63200",), added=("63201",)),
    experience=TWELVE_MONTHS,
    source=Source(
        "IRCC, Express Entry: category-based selection – trades occupations (2026)",
        CATEGORY_PAGE,
        note="canadianow.com 2026-03-03; saabimmigration.ca 2026-02-18; "
        "financialexpress.com 2026-02-19 (cooks removed)",
    ),
)
"""The 2026 list: 63200 Cooks out, 63201 Butchers in (from the retired agriculture list)."""

VERSIONS = (VERSION_1, VERSION_2, VERSION_3)
"""Every version, oldest first."""
