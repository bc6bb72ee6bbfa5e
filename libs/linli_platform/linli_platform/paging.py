"""Paging for list reads: page_size 1..500 (default 50) and an opaque offset token."""

from __future__ import annotations

import base64
import binascii

from linli.common.v1.common_pb2 import PageRequest, PageResponse

from linli_platform.errors import InvalidField

DEFAULT_PAGE_SIZE = 50
# Past any list served. A forged token may carry any offset, and one beyond 8 bytes makes the database
# driver fail (OverflowError: an INTERNAL answer) instead of a clean INVALID_ARGUMENT.
MAX_OFFSET = 2**31


def page_window(page: PageRequest) -> tuple[int, int]:
    """(offset, limit) of the requested page."""
    limit = page.page_size or DEFAULT_PAGE_SIZE
    if not page.page_token:
        return 0, limit
    try:
        offset = int(base64.urlsafe_b64decode(page.page_token.encode()).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidField("page.page_token", "is not a token this service issued") from exc
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidField("page.page_token", "is not a token this service issued")
    return offset, limit


def page_response(offset: int, limit: int, returned: int, total: int) -> PageResponse:
    following = offset + returned
    token = (
        base64.urlsafe_b64encode(str(following).encode()).decode() if following < total and returned else ""
    )
    return PageResponse(next_page_token=token, total=total)
