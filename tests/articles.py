"""What the five articles say, written from their text, for the golden tests of the named queries.

``STANCES`` is every stance the articles take, one row per statement: who, on what, which way,
the words it rests on (verbatim), whether the text only implies it, and when the text allows it
to fall.  Read from the articles (the seeds), each reading checked against its sentence; the
proposals and actors carry the curated dataset's names for what the text describes.  The golden
tests write an aggregate query's answer from this table by plain Python (who agrees with whom,
who backs what), never from a run of the query.
"""

from __future__ import annotations

from typing import NamedTuple

TITLES = {   # each article's headline, as it stands at its top
    "000": "A roundup of Tuesday\u2019s important developments for healthcare leaders",
    "001": "Lamb tells Confed: pool all health and care budgets",
    "002": "Councils must \u2018demonstrate readiness\u2019 for greater health role",
    "003": "Health and care integration will not happen unless budgets are pooled",
    "004": "HSJ\u2019s round-up of Thursday\u2019s must read stories",
}
# (date as written, first day, last day) the text allows for what an article states as current:
# 001 is dated 05.06.14; 002 speaks of the 2015 election ahead, so 2014; 000 recalls "the former
# health minister" and the summer 2015 report, so 2015; 003 is dated 6th March 2017; 004 says it
# has "taken until February" for the 2016-17 plans.
DATED = {"001": ("2014-06-05", "2014-06-05", "2014-06-05"), "002": ("2014", "2014-01-01", "2014-12-31"),
         "000": ("2015", "2015-01-01", "2015-12-31"), "003": ("2017-03-06", "2017-03-06", "2017-03-06"),
         "004": ("2017-02", "2017-02-01", "2017-02-28")}
# What an article recalls: no date of its own, only a bound (or a season) the text gives.
BY_2015 = (None, None, "2015-12-31")              # 000: "a key policy of the former health minister"
SUMMER_2015 = ("2015", "2015-06-01", "2015-08-31")  # 003: "In the summer of 2015, the King's Fund report"
BY_NOVEMBER_2016 = (None, None, "2016-11-30")     # 003: "November's spending review", before March 2017
BY_MARCH_2017 = (None, None, "2017-03-06")        # 003: techUK's charter, the Newcastle declaration: undated past

SUPPORT = ("supports", "conditionally supports")


class S(NamedTuple):
    """One stance: ``article`` (000-004), ``actor``, ``proposal``, ``position``, ``evidence``."""

    article: str
    actor: str
    proposal: str
    position: str
    evidence: str
    implicit: bool = False
    when: tuple | None = None
    recalled: bool = False
    scope: str | None = None

    @property
    def date(self):
        return (self.when or DATED[self.article])[0]

    @property
    def earliest(self):
        return (self.when or DATED[self.article])[1]

    @property
    def latest(self):
        return (self.when or DATED[self.article])[2]

    @property
    def source(self):
        return TITLES[self.article]


STANCES = [
    # 001, Lamb tells Confed (5 June 2014): Lamb's keynote, Kell on the panel and for NHS Clinical Commissioners, the delegates.
    S("001", 'Norman Lamb', 'A single pooled budget in every area', 'supports',
      'backed the idea of single pooled budget for health and care in every local area'),
    S("001", 'Norman Lamb', 'Joint commissioning of health and social care', 'supports',
      'along with joint commissioning of both'),
    S("001", 'Norman Lamb', 'Pool health and social care budgets', 'supports',
      'his declaration that “ultimately the whole health and care budget should be pooled”'),
    S("001", 'Norman Lamb', 'National mandate to pool budgets', 'supports',
      'his talk of a legal obligation to pool resources in this way'),
    S("001", 'Norman Lamb', 'Integrate health and social care', 'supports',
      'he said integration is part of the answer'),
    S("001", 'Norman Lamb', 'Share information across health and care systems', 'supports',
      'But Lamb said it had to happen', implicit=True),
    S("001", 'Steve Kell', 'National mandate to pool budgets', 'opposes',
      'said a top-down diktat on this was wrong'),
    S("001", 'Steve Kell', 'Pooling decided locally', 'supports',
      'each area should make its own decisions'),
    S("001", 'NHS Clinical Commissioners', 'Pool health and social care budgets', 'conditionally supports',
      'Pooling budgets may be appropriate in some areas but this should be determined'),
    S("001", 'NHS Clinical Commissioners', 'Pooling decided locally', 'supports',
      'determined by local clinical leaders who are in the best position'),
    S("001", 'NHS Clinical Commissioners', 'National mandate to pool budgets', 'opposes',
      'Mandating pooling budgets will only bring politics closer to the NHS'),
    S("001", 'NHS Clinical Commissioners', 'Further structural reorganisation of the NHS', 'opposes',
      'could results in another wholesale top-down reorganisation', implicit=True),
    S("001", 'Many delegates at the NHS Confederation annual conference 2014', 'Further structural reorganisation of the NHS', 'opposes',
      'without more disruptive structural change to the NHS', implicit=True),
    # 002, the Oldham report in LGC (2014): the report, Labour, some in local government, Graham Burgess.
    S("002", 'John Oldham', 'Health and wellbeing boards lead health and care commissioning', 'supports',
      'has endorsed a greater role for health and wellbeing boards'),
    S("002", 'John Oldham', 'Further structural reorganisation of the NHS', 'opposes',
      'Explaining his resistance to structural reform, Sir John said in the report'),
    S("002", 'John Oldham', 'Keep CCGs and their budgets', 'supports',
      'clinical commissioning groups should be retained and their budgets largely left intact'),
    S("002", 'John Oldham', 'Joint commissioning of health and social care', 'conditionally supports',
      'commissioners would have to “demonstrate readiness” before taking on the role'),
    S("002", 'John Oldham', 'Statutory duty on commissioners to enact a collective commissioning plan', 'supports',
      '“a statutory duty [to be] placed on commissioners (local authority and CCGs)'),
    S("002", 'John Oldham', 'Pooling decided locally', 'supports',
      'should only be brought in where both sides wished that to happen'),
    S("002", 'John Oldham', 'Pool health and social care budgets', 'conditionally supports',
      'A single pooled health and social care budget should only be brought in', implicit=True),
    S("002", 'John Oldham', 'National mandate to pool budgets', 'opposes',
      'should only be brought in where both sides wished that to happen', implicit=True),
    S("002", 'John Oldham', '£10bn for community health and social care', 'supports',
      'Over the lifetime of the next Parliament, £10bn should be identified'),
    S("002", 'John Oldham', 'Rename NHS England as Care England', 'supports',
      'This should be routed via NHS England, which should be renamed Care England'),
    S("002", 'John Oldham', 'Replace the Section 75 regulations', 'supports',
      'abolished, and “replaced with new regulations which support the development of whole person care”'),
    S("002", 'John Oldham', "Remove the Office of Fair Trading's role in competition decisions", 'supports',
      'the role of the Office of Fair Trading “in reviewing competition decisions should be removed”'),
    S("002", 'John Oldham', 'Independent national conversation on health and care funding', 'supports',
      'It said there should be “an independent national conversation”'),
    S("002", 'John Oldham', 'Councils hold the health budget', 'opposes',
      'the apparent shift away from a transfer of funds to councils’ budgets', implicit=True),
    S("002", 'John Oldham', 'Integrate health and social care', 'supports',
      'A report commissioned by Labour on how to bring about integrated care', implicit=True),
    S("002", 'Labour', 'Integrate health and social care', 'supports',
      'A report commissioned by Labour on how to bring about integrated care', implicit=True),
    S("002", 'Labour', 'Further structural reorganisation of the NHS', 'opposes',
      'significant reorganisation, something the party said it was keen to avoid'),
    S("002", 'Some in local government', 'Councils hold the health budget', 'supports',
      'some in local government have voiced concerns about the apparent shift away from a transfer', implicit=True),
    S("002", 'Graham Burgess', 'Councils hold the health budget', 'supports',
      'But fundamentally the budgets need to be held by councils.'),
    S("002", 'Graham Burgess', 'Health and wellbeing boards lead health and care commissioning', 'supports',
      'Health and wellbeing boards are absolutely crucial and should be in charge of commissioning'),
    # 000, HSJ's roundup (2015): the King's Fund report, Lamb's and Labour's earlier ideas recalled, the government's response.
    S("000", 'Norman Lamb', 'National mandate to pool budgets', 'supports',
      'mandating the full integration of health and social care funding was a key policy', when=BY_2015, recalled=True),
    S("000", 'Norman Lamb', 'Department of Health controls the national budgets', 'supports',
      'as was putting the national health and social care budgets under the sole control', when=BY_2015, recalled=True),
    S("000", 'Norman Lamb', 'Integrate health and social care', 'supports',
      'an integration torch previously waved by Norman Lamb', implicit=True, when=BY_2015, recalled=True),
    S("000", 'Labour', 'Pool health and social care budgets', 'supports',
      'Local budget integration would also have been more likely to come about if Labour', implicit=True, when=BY_2015, recalled=True),
    S("000", "King's Fund", 'Pool health and social care budgets', 'supports',
      'King’s Fund calls for pooling of health and social care budgets'),
    S("000", "King's Fund", 'A single pooled budget in every area', 'supports',
      'there should be a single budget in every area by 2020 at the latest'),
    S("000", "King's Fund", 'Health and wellbeing boards in their current form hold pooled budgets', 'opposes',
      'HWBs are not fit for holding pooled budgets in their current form', scope='in their current form'),
    S("000", "King's Fund", 'Integrate health and social care', 'supports',
      'While the King’s Fund are pro-integration'),
    S("000", "King's Fund", 'Department of Health controls the national budgets', 'supports',
      'another idea backed by the King’s Fund'),
    S("000", 'The government', 'Pool health and social care budgets', 'opposes',
      'However, the government as it is not amenable.', implicit=True),
    S("000", 'Jeremy Hunt', 'The Better Care Fund', 'supports',
      'indeed championed the better care fund in recent months'),
    S("000", 'Jeremy Hunt', 'Joint commissioning of health and social care', 'supports in words only',
      'Jeremy Hunt has paid lip service to the importance of commissioner integration'),
    S("000", 'Department of Health', 'A single pooled budget in every area', 'opposes',
      'But the DH’s response to this report is a firm “no, thanks”.', implicit=True),
    S("000", 'Department of Health', 'Pool health and social care budgets', 'opposes',
      'care budgets, but is met with a firm “no” from officials', implicit=True),
    # 003, David Roots (6 March 2017): the King's Fund report recalled from the summer of 2015, the chancellor, techUK, the
    # Newcastle declaration, the survey, and Roots himself.
    S("003", "King's Fund", 'A single pooled budget in every area', 'supports',
      'weight to the argument for a single pooled budget in every local area by 2020', when=SUMMER_2015, recalled=True),
    S("003", "King's Fund", 'Department of Health controls the national budgets', 'supports',
      'The paper recommended ceding control of the national budget for social care', when=SUMMER_2015, recalled=True),
    S("003", "King's Fund", 'Health and wellbeing boards in their current form hold pooled budgets', 'opposes',
      'health and wellbeing boards are not fit for this role in their current form',
      implicit=True, when=SUMMER_2015, recalled=True, scope='in their current form'),
    S("003", "King's Fund", 'Same aims for every local commissioning arrangement', 'supports',
      'The report suggested that every local commissioning arrangement should have the same aims', when=SUMMER_2015, recalled=True),
    S("003", "King's Fund", 'Legislation to let health and wellbeing boards take over commissioning', 'supports',
      'it also recommended legislation to enable health and wellbeing boards to take over', when=SUMMER_2015, recalled=True),
    S("003", 'The chancellor (unnamed)', 'The Better Care Fund', 'supports',
      'promise a further £1.5bn for the fund in the two years to March 2020', implicit=True, when=BY_NOVEMBER_2016, recalled=True),
    S("003", 'techUK', 'Share information across health and care systems', 'supports',
      'techUK launched its interoperability charter, setting out key principles', implicit=True, when=BY_MARCH_2017, recalled=True),
    S("003", 'Frontline clinical information leaders across the NHS', 'Share information across health and care systems', 'supports',
      'calling for a change in information sharing between different electronic systems', when=BY_MARCH_2017, recalled=True),
    S("003", 'Care professionals', 'Integrate health and social care', 'supports',
      'desire to see integrated heathcare and social care services is broadly shared by care professionals'),
    S("003", 'Government bodies', 'Integrate health and social care', 'supports',
      'integrated heathcare and social care services is broadly shared by care professionals, government bodies'),
    S("003", 'Special interest groups', 'Integrate health and social care', 'supports',
      'social care services is broadly shared by care professionals, government bodies and special interest groups'),
    S("003", 'David Roots', 'Pool health and social care budgets', 'supports',
      'Health and care integration will not happen unless budgets are pooled', implicit=True),
    S("003", 'David Roots', 'Pool health and social care budgets', 'supports',
      'must lead to actions that bring the different streams together', implicit=True),
    S("003", 'David Roots', 'Integrate health and social care', 'supports',
      'Different funding streams are a hindrance to integrating health and care services', implicit=True),
    S("003", 'David Roots', 'Share information across health and care systems', 'supports',
      'better information sharing is key in integrating health and social care'),
    S("003", 'David Roots', 'A single care budget for Greater Manchester', 'supports',
      'Greater Manchester has the chance to demonstrate that shared aims supported by a single budget', implicit=True),
    S("003", 'Local authority care directors', 'Use technology in community-based care services', 'supports',
      'technology helps deliver a better quality of life for users for community-based services', implicit=True),
    # 004, HSJ's round-up (February 2017): the PwC report for Lancashire.
    S("004", 'Senior NHS figures in the region', 'Lancashire integrated commissioning authority with a single budget', 'opposes',
      'a vision of local authorities “taking over” health services', implicit=True),
    S("004", 'Amanda Doyle', 'Joint commissioning of health and social care', 'supports',
      'I’m really supportive of the principle of aligning health and social care commissioning'),
    S("004", 'Amanda Doyle', 'An integrated strategic commissioner for Lancashire', 'supports',
      'we have been working on an integrated strategic commissioner for the county', implicit=True),
    S("004", 'Amanda Doyle', "The PwC report's proposals for Lancashire, taken together", 'opposes',
      'It contains a lot of assumptions and some of the proposals would be outwith legislation.', implicit=True),
]


def stances(**match) -> list[S]:
    """The stances whose fields equal the given values (``actor="Norman Lamb"``)."""
    return [s for s in STANCES if all(getattr(s, k) == v for k, v in match.items())]
