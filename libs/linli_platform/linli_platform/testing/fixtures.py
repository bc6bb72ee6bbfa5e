"""pytest fixtures (loaded by the root conftest): fakes for unit tests, real parts for the rest.

- `mongo_mock`: mongoengine on mongomock (unit tests).
- `infra`: a real Tansu broker and SecantusDB server for the test session (integration tests).
- `mongo_db`: mongoengine connected to a fresh database on that server.
- `system`: the whole system as processes (e2e tests), with demo data loaded.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import grpc
import mongoengine
import pytest

from linli_platform import mongo
from linli_platform.auth import Principal, issue_token
from linli_platform.config import DEV_JWT_SECRET, Settings
from linli_platform.testing.launchers import Broker, Database, Infra, wait_for_broker
from linli_platform.testing.system import System

# Households per demo district in the e2e system (the hierarchy above them is loaded whole).
DEMO_HOUSEHOLD_LIMIT = int(os.environ.get("LINLI_TEST_DEMO_HOUSEHOLDS", "200"))


def make_token(
    tenant: str, role: str, subject: str = "", org: str = "", ttl: int = 3600, secret: str = DEV_JWT_SECRET
) -> str:
    return issue_token(
        secret, Principal(tenant=tenant, role=role, subject=subject or f"{role}@{tenant}", org=org), ttl
    )


def bearer(token: str) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {token}")]


@pytest.fixture
def mongo_mock():
    connection = mongo.connect_mock(f"test_{uuid.uuid4().hex[:8]}")
    yield connection
    mongoengine.disconnect()


@pytest.fixture(scope="session")
def infra(tmp_path_factory) -> Infra:
    workdir = Path(tmp_path_factory.mktemp("infra"))
    broker = Broker(workdir).start()
    database = Database(workdir).start()
    wait_for_broker(broker.bootstrap)
    yield Infra(broker, database)
    database.stop()
    broker.stop()


@pytest.fixture
def mongo_db(infra):
    settings = Settings(service="test", mongo_uri=infra.mongo_uri, mongo_db=f"test_{uuid.uuid4().hex[:10]}")
    connection = mongo.connect(settings)
    yield settings
    connection.drop_database(settings.database)
    mongoengine.disconnect()


@pytest.fixture(scope="session")
def system(tmp_path_factory) -> System:
    """Every service as processes against a real broker and database, demo data loaded."""
    from linli_cli import demo  # noqa: PLC0415 - e2e only

    workdir = Path(tmp_path_factory.mktemp("system"))
    # The tests' webhook receivers listen on 127.0.0.1, which notifications refuses by default.
    running = System(
        workdir=workdir, jwt_secret=DEV_JWT_SECRET, extra_env={"LINLI_WEBHOOK_ALLOW_PRIVATE": "true"}
    )
    running.start(timeout=float(os.environ.get("LINLI_TEST_START_TIMEOUT", "90")))
    try:
        running.demo_household_limit = DEMO_HOUSEHOLD_LIMIT
        running.tenants = demo.load(
            running.address("communities"), DEV_JWT_SECRET, household_limit=DEMO_HOUSEHOLD_LIMIT
        )
        demo.wait_known(running.address("tickets"), running.tenants, 120)  # usable, as `linli dev` is
        yield running
    finally:
        running.stop()


def code_of(call) -> grpc.StatusCode:
    """The status code of a gRPC call that must fail (the test fails if it succeeds)."""
    with pytest.raises(grpc.RpcError) as exc:
        call()
    return exc.value.code()
