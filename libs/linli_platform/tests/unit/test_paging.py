"""Page tokens: what the service issued reads back; anything else is INVALID_ARGUMENT on page.page_token."""

from __future__ import annotations

import base64

import pytest
from linli.common.v1.common_pb2 import PageRequest
from linli_platform.errors import InvalidField
from linli_platform.paging import DEFAULT_PAGE_SIZE, MAX_OFFSET, page_response, page_window


def _token(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def test_a_first_page_starts_at_zero_with_the_default_size():
    assert page_window(PageRequest()) == (0, DEFAULT_PAGE_SIZE)


def test_the_next_page_token_reads_back_as_the_following_offset():
    issued = page_response(offset=40, limit=20, returned=20, total=100).next_page_token
    assert page_window(PageRequest(page_size=20, page_token=issued)) == (60, 20)


def test_the_last_page_has_no_next_token():
    assert page_response(offset=80, limit=20, returned=20, total=100).next_page_token == ""


@pytest.mark.parametrize(
    "token",
    ["not base64!", _token("-1"), _token("abc"), _token(str(MAX_OFFSET + 1)), _token("9" * 30)],
    ids=["garbage", "negative", "not-a-number", "past-the-bound", "past-8-bytes"],
)
def test_a_token_the_service_did_not_issue_is_refused_naming_the_field(token):
    with pytest.raises(InvalidField) as refused:
        page_window(PageRequest(page_token=token))
    assert [field for field, _ in refused.value.violations] == ["page.page_token"]
