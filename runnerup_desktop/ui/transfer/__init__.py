"""Contacts in (File ▸ Import contacts…) and the plan and contacts out (File ▸ Export)."""
