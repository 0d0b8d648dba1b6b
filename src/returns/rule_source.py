"""Reading a DfE rule's function (or a package helper it calls) from its source, which is how
Harbour learns which tables a rule reads and flags (ADR 0021, ADR 0023)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any


def definition(func: Callable[..., Any]) -> ast.FunctionDef | None:
    """The function's definition parsed from its source; None when its source cannot be read
    or is not a plain function (then nothing can be told from it)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return None
    found = tree.body[0] if tree.body else None
    return found if isinstance(found, ast.FunctionDef) else None
