"""A fictional demo data set: the municipality of Rivierstad and the impact entrepreneurs, partners
and contact persons around it.

Everything here is made up: names, addresses, KvK-nummers (all start with 9), websites (on the
reserved ``.example`` domain), e-mail addresses and phone numbers. The data set is written out in
the package's TOML files, so that it reads like a register: organisations, persons, events, what the
contact history is about and the phrases it is told in, referral routes, the agenda, certifications,
targets and the toolbox's answers. Generated are the phone numbers and the contact history: two
years of contact moments before ``REFERENCE_DATE``, composed from those tables with a seeded random
generator, so every load gives the same data set.

``load_demo`` goes through the services, part by part (organisations, persons, events, contact
moments, the departments' contact persons, referrals, follow-ups, certifications, targets and a
first round of the toolbox); each ``_load_...`` step uses the ids the earlier steps put in the
``_Context``. Only the agenda is dated relative to the day of loading: the checks of referrals still
being handled and the open follow-ups fall around that day, and so do the certifications still
running (their deadline lies ahead) and a few obtained ones that expire in the weeks after it, so
the agenda and the dashboard look alive whenever the demo is opened. The targets are for the year
of loading and the year before. Everything else is the same on every load, the referrals' history
included (made shortly after their contact moment, sent a few working days later, closed weeks
later), apart from the times the services stamp themselves (when an organisation, person or contact
moment was made: the moment of loading).

By module: ``data`` reads the files into typed records; ``persons`` makes up the e-mail addresses
and phone numbers; ``history`` composes the contact moments, ``referrals`` the referrals that came
out of them, and ``agenda`` dates the follow-ups and certifications around the day of loading;
``loading`` holds ``load_demo`` and its steps, ``summary`` the ``DemoSummary`` it returns.
"""

# Besides the public names in __all__, the plans and tables the tests look into.
from desk.demo.agenda import _due
from desk.demo.data import _CERTIFICATION_PLAN, _FOLLOW_UP_PLAN, _TARGETS, HISTORY_START, REFERENCE_DATE, _organisations
from desk.demo.history import _contact_plan
from desk.demo.loading import NOT_EMPTY_MESSAGE, is_empty, load_demo
from desk.demo.persons import _persons
from desk.demo.referrals import _referral_plan
from desk.demo.summary import MUNICIPALITY, DemoSummary

# The certification kind most of the demo's certifications and targets are about.
LABEL = "Label Ondernemen met impact"

__all__ = ["HISTORY_START", "LABEL", "MUNICIPALITY", "NOT_EMPTY_MESSAGE", "REFERENCE_DATE", "DemoSummary", "is_empty",
           "load_demo"]
