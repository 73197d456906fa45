"""Pure domain: no Qt, no SQL, no network."""
