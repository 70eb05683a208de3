import pytest


@pytest.fixture(autouse=True)
def _no_db():
    """Coach tests never touch the database (the coach does not import Django)."""
    yield
