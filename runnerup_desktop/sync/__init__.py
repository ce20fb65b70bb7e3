"""Two-way sync with the person's own CalDAV/CardDAV server (no Qt).

Follow-ups go to a calendar as to-dos (or events), contacts to an address book as vCards.
The pieces, from the wire up:

- :mod:`.account`: the account and its checks (TLS except to loopback), the keyring;
- :mod:`.connection`: HTTP through ``caldav``'s ``DAVClient``, failures as sentences;
- :mod:`.discovery`: RFC 6764 ``.well-known``, the principal, its homes, the collections;
- :mod:`.dav`: the WebDAV requests of a sync (sync-collection, multiget, PUT, DELETE);
- :mod:`.ical` and :mod:`.vcard`: follow-ups and contacts as iCalendar and vCard objects;
- :mod:`.merge`: the three-way merge against the last synced copy;
- :mod:`.engine`: one sync of both collections, with the state in the database.
"""
