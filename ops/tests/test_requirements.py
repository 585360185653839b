"""The dependency locks: requirements*.txt are pip-compile output with hashes (``make
lock``), consistent with requirements*.in and with each other."""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def locked(name: str) -> dict[str, str]:
    """``{package: version}`` of a lock; fails on a requirement without a hash."""
    text = (ROOT / name).read_text()
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z])", text):
        match = PIN.match(block)
        if not match:
            continue
        assert "--hash=sha256:" in block, f"{name}: {match.group(0)} has no hash (run make lock)"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def direct(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", f"{name}: {line} is not pinned with =="
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_locked_requirement_has_a_hash():
    assert len(locked("requirements.txt")) > 50
    assert len(locked("requirements-dev.txt")) > len(locked("requirements.txt"))


def test_the_locks_hold_the_pins_of_the_in_files():
    for source, lock in (("requirements.in", "requirements.txt"),
                         ("requirements-dev.in", "requirements-dev.txt")):  # fmt: skip
        pins = locked(lock)
        for package, version in direct(source).items():
            assert pins.get(package) == version, f"{lock}: {package} is not {version}"


def test_the_dev_lock_installs_what_production_runs_at_the_same_versions():
    production, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    different = {p: (v, dev.get(p)) for p, v in production.items() if dev.get(p) != v}
    assert not different, f"relock requirements-dev.txt (make lock): {different}"


def test_the_image_and_the_makefile_install_with_hashes():
    assert "pip install --require-hashes -r requirements.txt" in (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.txt" in makefile
    assert "--require-hashes -r requirements-dev.txt" in makefile
