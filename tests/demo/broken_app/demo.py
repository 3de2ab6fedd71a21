"""A stand-in app whose demo seeder fails: seed_demo must stop and name it."""

from typing import Any


def seed(ctx: Any) -> None:
    raise RuntimeError("boom from the broken app")
