"""Importing contacts from LinkedIn, vCard and other trackers' CSV files (no Qt).

:mod:`.service` is the entry point; the readers (:mod:`.linkedin`, :mod:`.vcard`,
:mod:`.csv_mapped`) stream a file as people, :mod:`.plan` matches and writes them.
"""
