"""Alembic migrations of the hub database (see socialrx_desk.server.db)."""
