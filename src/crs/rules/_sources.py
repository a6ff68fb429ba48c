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
MI_2015_05_30 = Source(
    "Ministerial Instructions amending the Ministerial Instructions respecting the Express "
    "Entry system (Canadian work experience, paragraphs 15(3)(b) and 19(4)(b)), "
    "Ottawa, 2015-05-30",
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-application-management-system/"
    "amending-express-entry-system-canadian-work-experience.html",
    note=(
        'Replaces 15(3)(b) and 19(4)(b) with "full-time work experience, or the full-time '
        'equivalent for part-time work experience, with one or more employers" and 15(5) '
        'with "full-time work consists of at least 30 hours of work per week"; IRCC\'s '
        'archive of the consolidated Instructions runs "May 30, 2015 to November 18, 2016".'
    ),
)
MI_2014_CANADIAN_WORK = Source(
    "Ministerial Instructions respecting the Express Entry system (2014-12-01), "
    "paragraphs 15(3)(b) and 19(4)(b) as launched: continuous full-time work",
    "https://gazette.gc.ca/rp-pr/p1/2014/2014-12-01-x10/html/extra10-eng.php",
    confidence="medium",
    note=(
        "The launch wording was not read verbatim; the 2015-05-30 amendment replaced it "
        "(crs-rules D11). Read as: part-time work counts nothing, and each year counted "
        "lies in one unbroken full-time run (30 hours a week, one job or several)."
    ),
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
    note=(
        'Announces ("today announced") the 25 and 50 points; the values are confirmed. '
        "It is dated a week after the change took effect (CRS_CRITERIA_2020)."
    ),
)
CRS_CRITERIA_2020 = Source(
    'IRCC, CRS criteria – Express Entry: French points 25 and 50, "Changes as of October 20, 2020"',
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/check-score/crs-criteria.html",
    confidence="medium",
    note=(
        "The effective date, in IRCC's own words, as quoted at the time "
        "(jpierimmigration.com/additional-ee-points-french-speaking-candidates); "
        'balglobal.com (de Lint LLP): "Canada began awarding the additional Express Entry '
        'points on Oct. 20, 2020"; envoyglobal.com: profiles "active as of October 20, '
        '2020". The amending Instructions were not found (crs-rules D10).'
    ),
)
MI_2025 = Source(
    "Ministerial Instructions of 2025-03-25: points for arranged employment removed",
    "https://www.canada.ca/en/immigration-refugees-citizenship/news/notices/"
    "removing-job-offer-points-express-entry.html",
    confidence="medium",
    note="Definitions of arranged employment kept for FSW and FST eligibility.",
)
