"""Every URL of the app is built in routes.py: a path written anywhere else fails this test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from logistics_app import routes

pytestmark = pytest.mark.unit
APP = Path(__file__).resolve().parents[2] / "logistics_app"
PATH = re.compile(r"^/[a-z_-]+")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def test_no_path_is_written_outside_routes() -> None:
    literals = []
    for path in sorted(APP.rglob("*.py")):
        if path.name == "routes.py" and path.parent == APP:
            continue
        tree = ast.parse(path.read_text())
        skip = _docstrings(tree)
        literals += [
            f"{path.relative_to(APP)}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and PATH.match(node.value)
        ]
    assert literals == []


def test_builders_give_the_pages_paths() -> None:
    assert routes.plan_item_url("ariel-2025", 12) == "/organizar/eventos/ariel-2025/programa?editar=12"
    assert (
        routes.categories_url("ariel-2025", "mejor-pelicula")
        == "/eventos/ariel-2025/nominaciones?categoria=mejor-pelicula"
    )
    assert routes.event_url("ariel-2025", day="2025-09-20") == "/eventos/ariel-2025?dia=2025-09-20"
    assert routes.portal_url("amacc") == "/mi-agencia?agencia=amacc"
