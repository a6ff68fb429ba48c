"""Score a pool of profiles at once with pandas.  Run: python examples/score_frame.py.

Needs the ``batch`` extra (NumPy and pandas): pip install 'crs-calculator[batch]'.
"""

from __future__ import annotations

import datetime as dt

try:
    import pandas as pd

    from crs.frame import score_frame, synthetic_frame
except ImportError as missing:
    raise SystemExit(
        f"This example needs the batch extra ({missing.name} is not installed): "
        "pip install 'crs-calculator[batch]'"
    ) from None

# A few clients from their profile JSON, flattened by pandas.json_normalize ...
clients = pd.json_normalize(
    [
        {"age": 29, "education": "bachelors", "foreign_work_years": 3,
         "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0}},
        {"age": 32, "education": "masters", "canadian_work_years": 2,
         "first_language": {"test": "celpip", "listening": 10, "reading": 10,
                            "writing": 10, "speaking": 10},
         "spouse": {"education": "bachelors", "canadian_work_years": 1}},
        {"age": 29.5, "education": "bachelors"},
    ]
)  # fmt: skip
result = score_frame(clients, dt.date(2026, 2, 19))
print(pd.concat([clients[["age", "education"]], result], axis=1).to_string())

# ... and a synthetic pool of 50,000.
pool = synthetic_frame(50_000, seed=1)
scores = score_frame(pool, dt.date(2026, 2, 19))
print()
print(scores["total"].describe().round(1))
print(f"share at 500 or more: {(scores['total'] >= 500).mean():.1%}")
