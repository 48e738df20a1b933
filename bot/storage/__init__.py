"""The shared store: SQLite by default, PostgreSQL for several instances (SQLAlchemy 2)."""
