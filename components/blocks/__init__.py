"""Building blocks: one per cross-cutting concern, each used by every component."""
