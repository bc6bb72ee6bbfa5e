"""The egress rules: which webhook URLs the worker may call (the SSRF guard). No real DNS but where named."""

from __future__ import annotations

import pytest
from linli_notifications.adapters.egress_http import system_resolve
from linli_notifications.domain.egress import EgressPolicy, EgressRefused, not_public
from linli_notifications.settings import NotificationsSettings

REFUSED = [
    ("127.0.0.1", "a loopback address"),
    ("127.8.9.10", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.5", "a private address"),
    ("172.16.0.1", "a private address"),
    ("172.31.255.254", "a private address"),
    ("192.168.1.1", "a private address"),
    ("fc00::1", "a private address"),
    ("169.254.169.254", "a link-local address (the cloud metadata service)"),
    ("169.254.1.1", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("100.64.0.1", "a shared (carrier-grade NAT) address"),
    ("0.0.0.0", "the unspecified address"),
    ("::", "the unspecified address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", ""),  # reserved (ipaddress counts it private too): refused either way
    ("255.255.255.255", ""),
    ("192.0.2.1", ""),  # documentation range
    ("::ffff:127.0.0.1", "a loopback address (IPv4 127.0.0.1 inside IPv6)"),
    ("::ffff:10.0.0.5", "a private address (IPv4 10.0.0.5 inside IPv6)"),
    ("::ffff:169.254.169.254", "the cloud metadata service"),
    ("64:ff9b::7f00:1", "a loopback address (IPv4 127.0.0.1 inside IPv6)"),  # NAT64
    ("2002:a00:5::", "a private address (IPv4 10.0.0.5 inside IPv6)"),  # 6to4
]
PUBLIC = [
    "93.184.216.34",
    "8.8.8.8",
    "2606:2800:220:1:248:1893:25c8:1946",
    "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822",  # 93.184.216.34 through NAT64
]


@pytest.mark.parametrize(("address", "kind"), REFUSED)
def test_addresses_that_are_not_public_are_named_for_what_they_are(address, kind):
    found = not_public(address)
    assert found is not None and kind in found


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert not_public(address) is None


def policy(dns, allow_private=False):
    return EgressPolicy(dns, allow_private)


@pytest.mark.parametrize(("address", "kind"), REFUSED)
def test_a_url_naming_a_non_public_address_is_refused_without_a_lookup(dns, address, kind):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(EgressRefused) as refused:
        policy(dns).check(f"http://{host}:8080/hook")
    assert refused.value.reason.startswith(f"{address} is ")
    assert refused.value.reason.endswith("; webhooks are sent only to public addresses")
    assert dns.lookups == []


def test_a_host_resolving_to_public_addresses_passes_with_its_addresses(dns):
    dns.answers("hooks.shimao.example", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
    endpoint, addresses = policy(dns).check("https://hooks.shimao.example/linli")
    assert (endpoint.scheme, endpoint.host, endpoint.port) == ("https", "hooks.shimao.example", 443)
    assert addresses == ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")


def test_a_host_resolving_to_a_mix_of_public_and_private_addresses_is_refused(dns):
    dns.answers("mixed.shimao.example", ["93.184.216.34", "10.0.0.5"])
    with pytest.raises(EgressRefused) as refused:
        policy(dns).check("http://mixed.shimao.example:8080/hook")
    assert refused.value.reason == (
        "mixed.shimao.example resolves to a private address; webhooks are sent only to public addresses"
    )


def test_a_host_that_does_not_resolve_is_refused(dns):
    with pytest.raises(EgressRefused) as refused:
        policy(dns, allow_private=True).check("https://nowhere.example/hook")
    assert refused.value.reason.startswith("host nowhere.example does not resolve")
    dns.answers("empty.example", [])
    with pytest.raises(EgressRefused, match="host empty.example does not resolve"):
        policy(dns).check("https://empty.example/hook")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://hooks.shimao.example/x", "scheme 'ftp' is not allowed; use http or https"),
        ("file:///etc/passwd", "scheme 'file' is not allowed"),
        ("gopher://hooks.shimao.example:70/_", "scheme 'gopher' is not allowed"),
        ("//hooks.shimao.example/x", "scheme '(none)' is not allowed"),
        ("http:///only-a-path", "names no host"),
        ("http://user:pw@hooks.shimao.example/x", "must not carry a user name or password"),
        ("http://user@hooks.shimao.example/x", "must not carry a user name or password"),
        ("http://hooks.shimao.example@127.0.0.1/x", "must not carry a user name or password"),
        ("http://hooks.shimao.example:99999/x", "is not a valid URL"),
        ("http://[::1/x", "is not a valid URL"),
    ],
)
def test_urls_refused_before_any_lookup(dns, url, words):
    dns.answers("hooks.shimao.example", ["93.184.216.34"])
    for allow_private in (False, True):
        with pytest.raises(EgressRefused) as refused:
            policy(dns, allow_private).check(url)
        assert words in refused.value.reason
    assert dns.lookups == []


def test_allowing_private_targets_lets_loopback_and_private_names_through(dns):
    dns.answers("mongo.internal", ["10.0.0.5"])
    assert policy(dns, allow_private=True).check("http://127.0.0.1:8080/hook")[1] == ("127.0.0.1",)
    assert policy(dns, allow_private=True).check("http://mongo.internal:27017/")[1] == ("10.0.0.5",)


@pytest.mark.parametrize("host", ["localhost", "2130706433", "0x7f.1", "127.1"])
def test_names_the_system_resolver_turns_into_loopback_are_refused(host):
    """Spellings of 127.0.0.1 that are not IP literals go through the resolver, whose answer is checked."""
    with pytest.raises(EgressRefused, match="resolves to a loopback address"):
        EgressPolicy(system_resolve).check(f"http://{host}:8080/hook")


def test_private_targets_are_refused_unless_the_setting_allows_them(monkeypatch):
    monkeypatch.delenv("LINLI_WEBHOOK_ALLOW_PRIVATE", raising=False)
    assert NotificationsSettings().webhook_allow_private is False
    monkeypatch.setenv("LINLI_WEBHOOK_ALLOW_PRIVATE", "true")
    assert NotificationsSettings().webhook_allow_private is True
