"""Transport occupations: in 2023-2024, removed in 2025, back with a new list in 2026.

Sources: the 2023 list from public transcriptions of IRCC's category page;
business-standard.com (2025-02-28, category removed); the 2026 list from
land2air.ca, canadaimmigrationnews.ca and iccimmigration.ca.
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
)
from crs.tables import Source

_LIST_2023 = (
    "70020", "72403", "72404", "72600", "72601", "72602", "72603", "72604",
    "73300", "93200",
)  # fmt: skip

VERSION_1 = CategoryVersion(
    slug="transport",
    name="Transport occupations (Version 1)",
    aliases=("Transport occupations (2023-1)", "Transport occupations (2024-1)"),
    version="Version 1",
    start=LAUNCHED,
    # categories.md Open Q4: why round #289 (2024-03-13) was named "(2024-1)" is not
    # explained; the list is taken to be the 2023 one.
    end=REVISED_2025,
    nocs=_LIST_2023,
    experience=SIX_MONTHS_CONTINUOUS,
    source=Source(
        "IRCC, Express Entry: category-based selection – transport occupations",
        CATEGORY_PAGE,
        note="repository transcription of the page; business-standard.com 2025-02-28",
    ),
)
"""The 2023-2024 list (10 occupations); the category was removed on 2025-02-27."""

VERSION_2 = attrs.evolve(
    VERSION_1,
    name="Transport Occupations, 2026-Version 2",
    aliases=(),
    version="2026-Version 2",
    start=REVISED_2026,
    end=None,
    nocs=("22313", "72404", "72410", "72600"),
    experience=TWELVE_MONTHS,
    source=Source(
        "IRCC, Express Entry: category-based selection – transport occupations (2026)",
        CATEGORY_PAGE,
        note="land2air.ca (NOC table); canadaimmigrationnews.ca; iccimmigration.ca",
    ),
)
"""The 2026 list (4 occupations; only 72404 and 72600 were on the 2023 list)."""

VERSIONS = (VERSION_1, VERSION_2)
"""Every version, oldest first."""
