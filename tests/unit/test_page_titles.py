"""Every page's title and description follow the visitor's language: the page table holds no
literal text, and every catalogue entry it names exists, translated, in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from logistics_app.i18n import en, es

pytestmark = pytest.mark.unit
APP_MODULE = Path(__file__).resolve().parents[2] / "logistics_app" / "logistics_app.py"


def _tree() -> ast.Module:
    return ast.parse(APP_MODULE.read_text(encoding="utf-8"))


def _page_rows(tree: ast.Module) -> list[ast.Tuple]:
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "PAGES":
            assert isinstance(node.value, ast.List)
            return [row for row in node.value.elts if isinstance(row, ast.Tuple)]
    raise AssertionError("no PAGES table in logistics_app.py")


def _catalogue_keys(tree: ast.Module) -> list[str]:
    """The keys of the `_tr("...")` calls."""
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_tr"
        and isinstance(node.args[0], ast.Constant)
    ]


def test_no_page_title_or_description_is_literal_text() -> None:
    rows = _page_rows(_tree())
    assert len(rows) > 10
    literal = [ast.unparse(row.elts[0]) for row in rows if any(isinstance(v, ast.Constant) for v in row.elts[2:4])]
    assert literal == []


def test_every_title_key_exists_and_is_translated() -> None:
    keys = _catalogue_keys(_tree())
    assert "title.home" in keys and "app.description" in keys
    assert [k for k in keys if k not in es.MESSAGES or k not in en.MESSAGES] == []
    assert [k for k in keys if es.MESSAGES[k] == en.MESSAGES[k]] == []
