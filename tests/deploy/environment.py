"""The documented production environment (docs/deploy.md), for tests that run the product."""

from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path

DEPLOY_DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
CLI = [sys.executable, "-m", "scrutiny.cli"]


def documented_environment() -> dict[str, str]:
    """The variables of the `/etc/scrutiny/scrutiny.env` block in docs/deploy.md."""
    text = DEPLOY_DOC.read_text()
    block = re.search(r"```sh\n# /etc/scrutiny/scrutiny.env\n(.*?)```", text, re.S)
    assert block, "docs/deploy.md has no production environment block"
    pairs = (line.split("=", 1) for line in block.group(1).splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def production_environment(data_dir: Path, **overrides: str) -> dict[str, str]:
    """A clean process environment: the documented one with a real key and this machine's
    database and data directory. Nothing of the test run's own settings leaks in."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(documented_environment())
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        SCRUTINY_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="scrutiny.settings",
    )
    env.pop("EMAIL_HOST_PASSWORD", None)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'scrutiny.sqlite3'}"
    env.update(overrides)
    return env
