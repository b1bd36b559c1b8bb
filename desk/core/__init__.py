"""The ground every service stands on: the workspace (an open database and who types in it), the clock, errors, validation, paths, configuration, settings, the error log and search queries."""
