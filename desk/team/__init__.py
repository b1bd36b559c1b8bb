"""Working as a team: one register, a full replica on every laptop (issue 19)."""
