"""Qt windows, table models, dialogs, tray and printing. Calls core and store, never the reverse."""
