"""The gateway's own database goes away and comes back: 503 meanwhile, never a 500, nothing lost."""

from __future__ import annotations

import mongoengine
import pytest
from fastapi.testclient import TestClient
from linli_gateway.app import create_app
from linli_gateway.settings import GatewaySettings
from linli_platform import mongo
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.fixtures import make_token
from linli_platform.testing.launchers import Database, wait_until

pytestmark = pytest.mark.integration
ADMIN = {"authorization": f"Bearer {make_token('hanyang', 'district_admin')}"}


@pytest.fixture
def database(tmp_path):
    """A SecantusDB of this test's own (stopping the session's one would cost other tests theirs)."""
    started = Database(tmp_path).start()
    mongoengine.disconnect()
    mongo.forget_cached_collections()
    mongoengine.connect(db="linli_gateway", host=started.uri, tz_aware=True, serverSelectionTimeoutMS=500)
    yield started
    mongoengine.disconnect()
    mongo.forget_cached_collections()
    started.stop()


def test_key_administration_answers_503_while_the_database_is_down(database, tmp_path):
    # no service listens on port 1: never a fixed dev port (a call there would leave this process's
    # subchannel to it in reconnect backoff for later tests that probe `linli dev`)
    nowhere = "127.0.0.1:1"
    settings = GatewaySettings(
        jwt_secret=DEV_JWT_SECRET,
        tickets_addr=nowhere,
        communities_addr=nowhere,
        notifications_addr=nowhere,
        fees_addr=nowhere,
    )
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    issued = client.post("/admin/open311/keys", json={"name": "12345 市民热线"}, headers=ADMIN)
    assert issued.status_code == 201, issued.text

    database.stop()
    listed = client.get("/admin/open311/keys", headers=ADMIN)
    assert listed.status_code == 503, listed.text
    assert client.post("/admin/open311/keys", json={"name": "x"}, headers=ADMIN).status_code == 503

    again = Database(tmp_path, port=database.port).start()  # the same data directory
    try:
        wait_until(
            lambda: client.get("/admin/open311/keys", headers=ADMIN).status_code == 200, 30, "the keys again"
        )
        keys = client.get("/admin/open311/keys", headers=ADMIN).json()
        assert [k["key_id"] for k in keys] == [issued.json()["key_id"]]
    finally:
        again.stop()
