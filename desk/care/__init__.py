"""Care of the data: backups, encryption, and privacy (retention, erasure everywhere the person appears)."""
