"""The work that follows from the records: referrals, follow-ups, certifications, targets, the intake, drafts, duplicates, the dashboard's figures, and opening a workspace with its default lists."""
