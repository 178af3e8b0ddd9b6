"""Privacy: what the portal keeps and why, a copy of one's data, deleting one's account."""
