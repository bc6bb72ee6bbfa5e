"""Token buckets and client addresses: the pure parts of the edge's rate limits, on a fake clock."""

from __future__ import annotations

import ipaddress
import threading

import pytest
from linli_gateway.ratelimit import Rate, TokenBuckets
from linli_gateway.throttle import client_address


def test_a_burst_is_admitted_then_refused_with_the_wait_until_the_next_token(clock):
    buckets = TokenBuckets([Rate.per_minute(5)], clock=clock)
    assert [buckets.take("203.0.113.7") for _ in range(5)] == [0.0] * 5
    assert buckets.take("203.0.113.7") == pytest.approx(12.0)  # 5 a minute: one token every 12 s
    clock.advance(5)
    assert buckets.take("203.0.113.7") == pytest.approx(7.0)  # a refusal takes nothing


def test_tokens_come_back_with_time_but_never_beyond_the_burst(clock):
    buckets = TokenBuckets([Rate.per_minute(5)], clock=clock)
    for _ in range(5):
        buckets.take("k")
    clock.advance(12)
    assert buckets.take("k") == 0.0
    assert buckets.take("k") > 0
    clock.advance(3600)  # an hour idle refills to the burst, not to 300
    assert [buckets.take("k") for _ in range(6)].count(0.0) == 5


def test_every_rate_of_a_key_must_admit_and_each_is_charged(clock):
    buckets = TokenBuckets([Rate.per_minute(3), Rate.per_hour(4)], clock=clock)
    assert [buckets.take("k") for _ in range(3)] == [0.0] * 3
    assert buckets.take("k") == pytest.approx(20.0)  # the minute bucket is empty
    clock.advance(60)
    assert buckets.take("k") == 0.0  # minute refilled; the hour bucket's 4th token
    wait = buckets.take("k")
    assert wait == pytest.approx(900 - 60, abs=1)  # now the hour bucket: 4 an hour, one per 15 min
    clock.advance(wait)
    assert buckets.take("k") == 0.0


def test_keys_have_buckets_of_their_own(clock):
    buckets = TokenBuckets([Rate.per_minute(2)], clock=clock)
    assert buckets.take("a") == buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    assert buckets.take("b") == 0.0


def test_memory_stays_bounded_by_evicting_the_least_recently_seen(clock):
    buckets = TokenBuckets([Rate.per_minute(1)], max_keys=100, clock=clock)
    buckets.take("spent")
    for n in range(10_000):
        buckets.take(f"flood-{n}")
        if n % 50 == 0:
            assert buckets.take("spent") > 0  # seen recently: kept, still empty
        assert len(buckets) <= 100
    for n in range(100):  # "spent" is now the oldest: pushed out, it starts over with a full bucket
        buckets.take(f"again-{n}")
    assert buckets.take("spent") == 0.0


def test_a_limit_of_zero_is_no_limit(clock):
    buckets = TokenBuckets([Rate.per_minute(0)], clock=clock)
    assert all(buckets.take("k") == 0.0 for _ in range(1000))
    assert len(buckets) == 0


def test_concurrent_takers_get_exactly_the_burst(clock):
    buckets = TokenBuckets([Rate.per_hour(500)], clock=clock)
    admitted: list[bool] = []
    lock = threading.Lock()

    def hammer():
        mine = [buckets.take("k") == 0.0 for _ in range(200)]
        with lock:
            admitted.extend(mine)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert admitted.count(True) == 500


TRUSTED = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("192.0.2.1/32"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        ("203.0.113.7", [], (), "203.0.113.7"),
        ("203.0.113.7", ["198.51.100.1"], (), "203.0.113.7"),  # nobody is believed by default
        ("203.0.113.7", ["198.51.100.1"], TRUSTED, "203.0.113.7"),  # the peer is no proxy of ours
        ("10.1.2.3", ["198.51.100.1"], TRUSTED, "198.51.100.1"),
        ("10.1.2.3", ["6.6.6.6, 198.51.100.1"], TRUSTED, "198.51.100.1"),  # the client's own say skipped
        ("10.1.2.3", ["6.6.6.6", "198.51.100.1, 192.0.2.1"], TRUSTED, "198.51.100.1"),  # two proxies
        ("10.1.2.3", ["10.9.9.9"], TRUSTED, "10.9.9.9"),  # nothing but proxies: the farthest one
        ("10.1.2.3", ["not-an-ip"], TRUSTED, "10.1.2.3"),
        ("10.1.2.3", [], TRUSTED, "10.1.2.3"),
        ("2001:db8:1:2:aaaa::1", [], (), "2001:db8:1:2::/64"),  # a subscriber's whole /64
        ("::ffff:203.0.113.7", [], (), "203.0.113.7"),
        ("testclient", ["198.51.100.1"], TRUSTED, "testclient"),
    ],
)
def test_the_client_is_the_peer_unless_a_trusted_proxy_says_otherwise(peer, forwarded, trusted, client):
    assert client_address(peer, forwarded, trusted) == client
