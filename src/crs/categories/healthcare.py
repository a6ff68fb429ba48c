"""Healthcare (and, from 2025, social services) occupations.

Sources: the 2023 list from public transcriptions of IRCC's category page,
cross-checked with eseumohimmigration.com and dfimmigration.ca (2025-03-04,
which lists the removals); the 2025 changes from dfimmigration.ca, jbiimmigration.com
(+8/-6) and bartlaw.ca; 2026 from the IRCC news release of 2026-02-18 and two
transcriptions of the category page.
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
    "31100", "31101", "31102", "31103", "31110", "31111", "31112", "31121",
    "31200", "31201", "31202", "31203", "31204", "31209", "31300", "31301",
    "31302", "31303", "32101", "32102", "32103", "32109", "32120", "32121",
    "32122", "32200", "32201", "32209", "33101", "33102", "33103", "33109",
    "41301", "41320", "42203",
)  # fmt: skip

VERSION_1 = CategoryVersion(
    slug="healthcare",
    name="Healthcare occupations (Version 1)",
    aliases=("Healthcare occupations (2023-1)",),
    version="Version 1",
    start=LAUNCHED,
    end=REVISED_2025,
    nocs=_LIST_2023,
    experience=SIX_MONTHS_CONTINUOUS,
    # categories.md Open Q4: the 2024 list is taken to be the 2023 list (IRCC kept
    # the "Version 1" names; the 2024 annex was not read).
    source=Source(
        "IRCC, Express Entry: category-based selection – healthcare occupations",
        CATEGORY_PAGE,
        note="repository transcription of the page; eseumohimmigration.com; dfimmigration.ca",
    ),
)
"""The 2023-2024 list (35 occupations)."""

VERSION_2 = attrs.evolve(
    VERSION_1,
    name="Healthcare and social services occupations (Version 2)",
    aliases=(),
    version="Version 2",
    start=REVISED_2025,
    end=REVISED_2026,
    nocs=revise(
        VERSION_1.nocs,
        removed=("31204", "32200", "32209", "33109", "41320", "42203"),
        added=("31120", "32104", "32111", "32123", "32124", "32129", "41300", "42201"),
    ),
    source=Source(
        "IRCC, Express Entry: category-based selection – healthcare and social services "
        "occupations (announced 2025-02-27)",
        CATEGORY_PAGE,
        note="dfimmigration.ca 2025-03-04; jbiimmigration.com; bartlaw.ca; newsbeep.com",
    ),
)
"""The 2025 list (37 occupations): 6 removed, 8 social-services and health ones added."""

VERSION_3 = attrs.evolve(
    VERSION_2,
    name="Healthcare and Social Services Occupations, 2026-Version 3",
    version="2026-Version 3",
    start=REVISED_2026,
    end=None,
    experience=TWELVE_MONTHS,
    # categories.md §4: the 2026 list is the 2025 list according to two
    # transcriptions of the category page (medium-high confidence).
    confidence="medium-high",
    source=Source(
        "IRCC news release 2026-02-18; IRCC category-based selection page",
        CATEGORY_PAGE,
        confidence="medium",
        note="two repository transcriptions of the page give the 2025 list unchanged",
    ),
)
"""The 2026 list (the 2025 one) under the 12-month rule."""

VERSIONS = (VERSION_1, VERSION_2, VERSION_3)
"""Every version, oldest first."""
