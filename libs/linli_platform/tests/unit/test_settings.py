"""Settings refuse the development token secret on a process other machines can reach."""

from __future__ import annotations

import pytest
from linli_platform.config import DEV_JWT_SECRET, Settings
from pydantic import ValidationError

REAL_SECRET = "k3Vq9-7a1c4f0e2b8d6a5c3e1f0a9b8c7d6e5f"


def test_the_development_secret_is_fine_on_loopback():
    assert Settings(grpc_host="127.0.0.1", gateway_host="localhost").jwt_secret.get_secret_value() == (
        DEV_JWT_SECRET
    )


@pytest.mark.parametrize("where", [{"grpc_host": "0.0.0.0"}, {"gateway_host": "10.1.2.3"}])
def test_the_development_secret_is_refused_beyond_loopback(where):
    with pytest.raises(ValidationError, match="LINLI_JWT_SECRET must be a random secret"):
        Settings(**where)


def test_a_short_secret_is_refused_beyond_loopback():
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(grpc_host="0.0.0.0", jwt_secret="hunter2")


def test_a_long_random_secret_listens_anywhere(monkeypatch):
    monkeypatch.setenv("LINLI_GRPC_HOST", "0.0.0.0")
    monkeypatch.setenv("LINLI_JWT_SECRET", REAL_SECRET)
    assert Settings().grpc_host == "0.0.0.0"
