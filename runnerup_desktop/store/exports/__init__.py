"""The plan and the contacts in open formats: iCalendar (:mod:`.ics`) and vCard
(:mod:`.vcard`), written whole or not at all (:mod:`.files`). No Qt."""
