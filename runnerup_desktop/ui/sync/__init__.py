"""Sync with the person's CalDAV/CardDAV server, in the window: the account (Preferences ▸
Sync), the scheduler that runs a sync on a worker thread, the status bar's line, and the
sync log with the questions a sync asked."""
