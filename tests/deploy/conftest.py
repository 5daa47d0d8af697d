import pytest


@pytest.fixture
def live_database_url(transactional_db):
    """The test database, for processes the test starts (it sees what the test commits)."""
    from django.db import connection

    from tests.deploy.processes import database_url_for

    return database_url_for(connection.settings_dict["NAME"])
