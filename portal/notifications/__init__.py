"""Follows, notification settings, instant notifications, digests, unsubscribing."""
