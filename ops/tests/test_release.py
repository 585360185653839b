"""One version everywhere: CHANGELOG.md's latest release, the API schema, /health/live."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_version_is_the_same_everywhere(client, settings):
    version = settings.LOCALBZZ_VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    latest = re.search(r"^## (\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert latest.group(1) == version
    assert client.get("/health/live").json()["version"] == version
    from drf_spectacular.generators import SchemaGenerator

    assert SchemaGenerator().get_schema(request=None, public=True)["info"]["version"] == version
