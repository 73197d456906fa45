"""The reference hub: a small FHIR R4 server for the directory, slots and referrals, on SQLite or PostgreSQL.

- ``app``: the FastAPI app (``create_app(database_url)``), FHIR REST under ``/fhir``.
- ``storage``: versioned resources, search, history, all-or-nothing transactions, the no-double-booking rule.
- ``auth``: sites, bearer tokens (stored hashed) and who sees what; ``params``: the search parameters.
- ``db``, ``models``, ``migrations``: the database, its tables and their Alembic history.
- ``admin``: init, directory import, slot generation, sites, as plain functions; ``cli``: ``socialrx-server``.
- ``embedded``: ``start_hub(database_url)`` runs a hub in a background thread (tests, benchmarks, ``--demo``).
- ``tempdb``: a throwaway PostgreSQL cluster for tests and benchmarks.

Imports core, directory and fhir only, never the desk's store, services, sync or ui.
"""
