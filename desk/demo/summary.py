"""What a load of the demo made, counted: the summary the command line prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.work import certifications
from desk.work.referrals import STATUSES

MUNICIPALITY = "Gemeente Rivierstad"


@dataclass
class DemoSummary:
    municipality: str = MUNICIPALITY
    organisations: int = 0
    partners: int = 0
    archived: int = 0
    persons: int = 0
    events: int = 0
    contacts: int = 0
    departments_filled: int = 0  # departments that got an internal contact person
    referrals: int = 0
    referral_statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    followups: int = 0  # open follow-ups made in this load, the checks of referrals included
    referral_checks: int = 0  # of which checks whether a referral has landed
    followups_done: int = 0  # made and already done, so there is some history
    certifications: int = 0
    certification_statuses: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(certifications.STATUSES, 0))
    certification_reminders: int = 0  # open follow-ups before an expiry or deadline, counted in followups
    targets: int = 0  # targets set (a target that was already there is left alone)
    target_years: list[int] = field(default_factory=list)
    toolbox_items: int = 0  # toolbox items answered, ticked or annotated in the current round
    skipped_organisations: int = 0
    municipality_set: bool = False

    def __str__(self) -> str:
        text = (f"{self.organisations} organisaties ({self.partners} partners, {self.archived} gearchiveerd), "
                f"{self.persons} contactpersonen, {self.events} evenementen, {self.contacts} contactmomenten, "
                f"{self.referrals} doorverwijzingen, {self.certifications} keurmerken en "
                f"{self.followups} open opvolgingen")
        of_which = [part for count, part in (
            (self.referral_checks, f"{self.referral_checks} checks van doorverwijzingen"),
            (self.certification_reminders, f"{self.certification_reminders} herinneringen voor keurmerken"),
        ) if count]
        if of_which:
            text += f" (waarvan {' en '.join(of_which)})"
        if self.targets:
            years = " en ".join(str(year) for year in self.target_years)
            text += f"; {self.targets} doelen voor {years}"
        if self.toolbox_items:
            text += f"; {self.toolbox_items} onderdelen van de toolbox ingevuld"
        if self.departments_filled:
            text += f"; {self.departments_filled} afdelingen kregen een interne contactpersoon"
        if self.skipped_organisations:
            text += f"; {self.skipped_organisations} organisaties stonden er al en zijn overgeslagen"
        return text

