"""The sources the rule sets cite."""

from crs.tables import Source

CRS_CRITERIA = Source(
    "IRCC, Comprehensive Ranking System (CRS) criteria – Express Entry",
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/check-score/crs-criteria.html",
)
MI_2014 = Source(
    "Ministerial Instructions respecting the Express Entry system, "
    "Canada Gazette Part I, Extra, Vol. 148, No. 10 (2014-12-01), in force 2015-01-01",
    "https://gazette.gc.ca/rp-pr/p1/2014/2014-12-01-x10/html/extra10-eng.php",
)
MI_2016 = Source(
    "Ministerial Instructions amending the Ministerial Instructions respecting the "
    "Express Entry system, in force 2016-11-19",
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-application-management-system/30-may-2015-18-november-2016.html",
)
MI_2017 = Source(
    "Ministerial Instructions 2017-1 amending the Express Entry system, in force 2017-06-06",
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-application-management-system/amending-express-entry-system-2017.html",
)
NEWS_2020 = Source(
    "IRCC news release, 2020-10-27: more points for French-speaking candidates",
    "https://www.canada.ca/en/immigration-refugees-citizenship/news/2020/10/"
    "new-express-entry-measures-to-welcome-more-french-speaking-newcomers.html",
    confidence="medium",
    note="Values confirmed by the press release; some sources date the change 2020-10-20.",
)
MI_2025 = Source(
    "Ministerial Instructions of 2025-03-25: points for arranged employment removed",
    "https://www.canada.ca/en/immigration-refugees-citizenship/news/notices/"
    "removing-job-offer-points-express-entry.html",
    confidence="medium",
    note="Definitions of arranged employment kept for FSW and FST eligibility.",
)
