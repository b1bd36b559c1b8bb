"""Files in and out: imports, exports, CSV and Excel reading, calendar files, the access export, reports, and writing a user's files safely."""
