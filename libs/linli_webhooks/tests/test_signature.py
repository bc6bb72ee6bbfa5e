"""The verification helper firms use: authentic and fresh deliveries pass, everything else fails."""

import hashlib
import hmac

import pytest
from linli_webhooks import SignatureError, sign, signature_header, verify

SECRET = "whsec_test_世茂"
BODY = b'{"type":"linli.tickets.v1.TicketDispatched","payload":{"ticket_id":"t1"}}'
NOW = 1_800_000_000


def test_a_signed_body_verifies_and_returns_its_timestamp():
    header = signature_header(SECRET, BODY, NOW)
    assert verify(SECRET, BODY, header, now=NOW + 10) == NOW


def test_signature_is_hmac_sha256_over_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, BODY, NOW) == expected
    assert signature_header(SECRET, BODY, NOW) == f"t={NOW},v1={expected}"


def test_a_wrong_secret_fails():
    header = signature_header("another-secret", BODY, NOW)
    with pytest.raises(SignatureError, match="does not match"):
        verify(SECRET, BODY, header, now=NOW)


def test_a_tampered_body_fails():
    header = signature_header(SECRET, BODY, NOW)
    with pytest.raises(SignatureError):
        verify(SECRET, BODY.replace(b"t1", b"t2"), header, now=NOW)


def test_a_timestamp_older_than_the_window_fails_even_when_correctly_signed():
    header = signature_header(SECRET, BODY, NOW)
    with pytest.raises(SignatureError, match="window"):
        verify(SECRET, BODY, header, tolerance=300, now=NOW + 301)


def test_a_timestamp_from_the_future_beyond_the_window_fails():
    header = signature_header(SECRET, BODY, NOW + 1000)
    with pytest.raises(SignatureError, match="window"):
        verify(SECRET, BODY, header, now=NOW)


def test_a_changed_timestamp_invalidates_the_signature():
    signature = sign(SECRET, BODY, NOW)
    with pytest.raises(SignatureError, match="does not match"):
        verify(SECRET, BODY, f"t={NOW + 1},v1={signature}", now=NOW)


@pytest.mark.parametrize("header", ["", "v1=abc", f"t={NOW}", "t=soon,v1=abc"])
def test_malformed_headers_fail(header):
    with pytest.raises(SignatureError):
        verify(SECRET, BODY, header, now=NOW)


def test_any_of_several_signatures_may_match_during_rotation():
    good = sign(SECRET, BODY, NOW)
    assert verify(SECRET, BODY, f"t={NOW},v1=deadbeef,v1={good}", now=NOW) == NOW
