"""Qt Model/View adapters over plain, immutable rows (never live ORM objects)."""
