"""Shared pieces: errors, audit log, personal-data helpers, districts, pagination."""
