"""French-language proficiency: NCLC 7 or more on all four French abilities.

Sources: IRCC's category-based selection page (via eseumohimmigration.com, 2024);
egdalimmigration.com (2026); the names from IRCC's rounds feed.  The category
asks for no occupation and no experience; the program's own rules still apply.
"""

from __future__ import annotations

import datetime as dt

import attrs

from crs.categories._model import CATEGORY_PAGE, LAUNCHED, CategoryVersion
from crs.tables import Source

VERSION_1 = CategoryVersion(
    slug="french",
    name="French language proficiency (Version 1)",
    aliases=("French language proficiency (2023-1)", "French language proficiency (2024-1)"),
    version="Version 1",
    start=LAUNCHED,
    # categories.md §4 and Open Q2: Version 1 was superseded between its last round
    # (#388, 2025-12-17) and the first 2026-Version 2 round (#394, 2026-02-06); the
    # exact date is not known, so Version 1 is held in force until 2026-02-05.
    end=dt.date(2026, 2, 6),
    nocs=(),
    experience=None,
    french=7,
    source=Source(
        "IRCC, Express Entry: category-based selection – French-language proficiency",
        CATEGORY_PAGE,
        note="eseumohimmigration.com (2024); IRCC rounds feed names",
    ),
)
"""Version 1, 2023-05-31 to 2026-02-05 (its rounds were named "(2023-1)" and "(2024-1)")."""

VERSION_2 = attrs.evolve(
    VERSION_1,
    name="French-Language proficiency 2026-Version 2",
    aliases=(),
    version="2026-Version 2",
    start=dt.date(2026, 2, 6),
    end=None,
    # categories.md Open Q2: what changed from Version 1 was not found; secondary
    # sources report NCLC 7 on all four abilities, unchanged (egdalimmigration.com,
    # 2026-05-20).  In force by its first round, #394 on 2026-02-06.
    confidence="medium",
    source=attrs.evolve(
        VERSION_1.source,
        confidence="medium",
        note="egdalimmigration.com (2026-05); financialexpress.com 2026-03-08; IRCC feed",
    ),
)
"""2026-Version 2, from 2026-02-06 (first round #394)."""

VERSIONS = (VERSION_1, VERSION_2)
"""Every version, oldest first."""
