"""supports domain."""
