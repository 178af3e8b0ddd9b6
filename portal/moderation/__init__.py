"""moderation domain: flags, hiding and restoring, the moderation log."""
