"""site domain."""
