"""The records: organisations and their contact persons, contact moments, events, the lists users extend (terms), departments and the ecosystem."""
