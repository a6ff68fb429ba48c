"""Rules in force from 2015-05-30: Canadian work counted full time or its equivalent.

The Ministerial Instructions signed on 2015-05-30 replaced paragraphs 15(3)(b)
and 19(4)(b): Canadian work experience (the candidate's and the spouse's)
"consists of full-time work experience, or the full-time equivalent for
part-time work experience, with one or more employers", and full time is "at
least 30 hours of work per week".  The launch text asked for continuous
full-time work.  No point value changed.

The Instructions rank a profile on the day: from 2015-05-30 every hour of
Canadian work, including work done before that day, is counted the new way;
before it, the launch rule applies to all of it (there is no transitional
provision).

Source: the amending Instructions (canada.ca; IRCC's archive of the consolidated
Instructions runs "May 30, 2015 to November 18, 2016"); crs-rules D11.
"""

import datetime as dt

import attrs

from crs.experience import ExperienceRules
from crs.rules import v2015_01_01
from crs.rules._sources import MI_2015_05_30

RULES = attrs.evolve(
    v2015_01_01.RULES,
    name="2015-05-30",
    effective=dt.date(2015, 5, 30),
    summary=(
        "Canadian work experience counts full time or its part-time equivalent, with one "
        "or more employers (before: continuous full-time work only). No point value changed."
    ),
    sources=(MI_2015_05_30,),
    experience=ExperienceRules(source=MI_2015_05_30),
)
