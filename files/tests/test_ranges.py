"""HTTP ranges on local downloads and previews (a ``<video>`` seeks with them): 206 with
``Content-Range``, 416 for a range the file cannot answer; checked over real HTTP requests
against a live server, and ``byte_range`` on its own."""

from __future__ import annotations

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from deliverables.tests.factories import make_deliverable
from files.serving import Unsatisfiable, byte_range
from files.tests.factories import MP4, make_attachment

#: a "video" long enough to seek in: valid MP4 head, then numbered bytes
VIDEO = MP4 + bytes(range(256)) * 40


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-9", 100, (0, 9)),
        ("bytes=90-", 100, (90, 99)),
        ("bytes=-10", 100, (90, 99)),
        ("bytes=-500", 100, (0, 99)),
        ("bytes=50-500", 100, (50, 99)),
        ("bytes=99-99", 100, (99, 99)),
        ("bytes=0-1,5-6", 100, None),  # several: the whole file
        ("items=0-9", 100, None),  # another unit: the whole file
        ("", 100, None),
    ],
)
def test_byte_range_reads_one_range(header, size, expected):
    assert byte_range(header, size) == expected


@pytest.mark.parametrize(
    "header", ["bytes=100-", "bytes=100-200", "bytes=5-2", "bytes=-0", "bytes=-", "bytes=a-b"]
)
def test_byte_range_refuses_what_the_file_cannot_answer(header):
    with pytest.raises(Unsatisfiable):
        byte_range(header, 100)


@pytest.fixture
def served(transactional_db, live_server, team_user, client_a):
    attachment = make_attachment(make_deliverable(client_a), name="reel.mp4", data=VIDEO)
    token = RefreshToken.for_user(team_user).access_token
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    base = f"{live_server.url}/api/attachments/{attachment.pk}"
    return session, base, attachment


def _get(session, url, **headers):
    return session.get(url, headers=headers, timeout=10)


def test_whole_file_says_it_accepts_ranges(served):
    session, base, _ = served
    for route in ("download", "preview"):
        response = _get(session, f"{base}/{route}")
        assert response.status_code == 200
        assert response.headers["Accept-Ranges"] == "bytes"
        assert response.content == VIDEO


@pytest.mark.parametrize("route", ["download", "preview"])
def test_a_range_answers_206_with_exactly_those_bytes(served, route):
    session, base, _ = served
    size = len(VIDEO)
    cases = {
        "bytes=0-9": (0, 9),
        "bytes=1000-2047": (1000, 2047),
        f"bytes={size - 100}-": (size - 100, size - 1),
        "bytes=-64": (size - 64, size - 1),
        f"bytes=5000-{size + 999}": (5000, size - 1),
    }
    for header, (first, last) in cases.items():
        response = _get(session, f"{base}/{route}", Range=header)
        assert response.status_code == 206, header
        assert response.headers["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert int(response.headers["Content-Length"]) == last - first + 1
        assert response.content == VIDEO[first : last + 1], header
        assert response.headers["Content-Type"] == "video/mp4"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_range_past_the_end_or_backwards_is_416(served):
    session, base, _ = served
    size = len(VIDEO)
    for header in (f"bytes={size}-", "bytes=20-10", "bytes=x-y"):
        response = _get(session, f"{base}/preview", Range=header)
        assert response.status_code == 416, header
        assert response.headers["Content-Range"] == f"bytes */{size}"
        assert response.content == b""


def test_several_ranges_or_if_range_get_the_whole_file(served):
    session, base, _ = served
    assert _get(session, f"{base}/download", Range="bytes=0-1,4-5").content == VIDEO
    response = _get(session, f"{base}/download", Range="bytes=0-9", **{"If-Range": '"x"'})
    assert response.status_code == 200
    assert response.content == VIDEO


def test_a_range_does_not_skip_the_access_check(served, client_b_user):
    _, base, _ = served
    other = requests.Session()
    token = RefreshToken.for_user(client_b_user).access_token
    other.headers["Authorization"] = f"Bearer {token}"
    assert _get(other, f"{base}/download", Range="bytes=0-9").status_code == 404
    assert (
        requests.get(f"{base}/download", headers={"Range": "bytes=0-9"}, timeout=10).status_code
        == 401
    )
