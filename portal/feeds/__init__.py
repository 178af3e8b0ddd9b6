"""Atom and RSS feeds (feedgen) and the meetings calendar (iCalendar)."""
