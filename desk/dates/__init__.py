"""Dates as people say them ("vrijdag", "over 2 weken") and recurring follow-ups. No storage here."""
