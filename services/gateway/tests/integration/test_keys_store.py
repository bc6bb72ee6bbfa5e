"""Open311 api_keys and request tokens on the real Mongo-wire server."""

from __future__ import annotations

import pytest
from linli_gateway.open311 import keys
from mongoengine.errors import NotUniqueError

pytestmark = pytest.mark.integration


def test_keys_verify_per_district_and_stop_when_revoked(mongo_db):
    issued = keys.issue_key("hanyang", "12345 市民热线", "district_admin@hanyang")
    assert keys.verify_key("hanyang", issued.api_key) == issued.key_id
    assert keys.verify_key("xingshan", issued.api_key) is None
    assert (
        keys.verify_key("hanyang", issued.api_key[:-1] + ("A" if issued.api_key[-1] != "A" else "B")) is None
    )
    stored = keys.ApiKeyDoc.scoped("hanyang").get(key_id=issued.key_id)
    assert issued.api_key.rsplit("_", 1)[1] not in stored.to_json()  # only a hash is kept
    assert keys.revoke_key("hanyang", issued.key_id)
    assert not keys.revoke_key("hanyang", issued.key_id)
    assert keys.verify_key("hanyang", issued.api_key) is None


def test_a_token_names_one_ticket_in_one_district(mongo_db):
    keys.remember_token("hanyang", "tok1", "t-1", "k1")
    assert keys.ticket_for_token("hanyang", "tok1") == "t-1"
    assert keys.ticket_for_token("xingshan", "tok1") is None
    with pytest.raises(NotUniqueError):
        keys.remember_token("hanyang", "tok1", "t-2", "k1")
