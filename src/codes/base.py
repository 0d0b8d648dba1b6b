from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from core.presenters import code_label


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return self.valid_to is None
        if self.valid_from and on < self.valid_from:
            return False
        return not (self.valid_to and on > self.valid_to)


@dataclass(frozen=True)
class CodeList:
    name: str
    source: str
    codes: tuple[Code, ...]
    _index: dict[str, Code] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {c.code: c for c in self.codes})

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def choices(self, on: date | None = None) -> list[tuple[str, str]]:
        """(code, label) pairs for a form or model field; current codes by default."""
        return [(c.code, c.label) for c in self.codes if c.valid_on(on)]

    def all_choices(self) -> list[tuple[str, str]]:
        """Every code ever valid: for model fields, so historic values stay readable."""
        return [(c.code, c.label) for c in self.codes]

    def label(self, code: str | None, default: str = "Not recorded") -> str:
        if not code:
            return default
        found = self._index.get(code)
        return found.label if found else code

    def coded(self, code: str | None, default: str = "Not recorded") -> str:
        """The code with its meaning, as pages show it: "Full care order (C2)"."""
        return code_label(code, self.label(code, default) if code else None, default)

    def is_valid(self, code: str, on: date | None = None) -> bool:
        found = self._index.get(code)
        return bool(found and found.valid_on(on))


def code_list(name: str, source: str, *pairs: tuple[str, str]) -> CodeList:
    return CodeList(name=name, source=source, codes=tuple(Code(c, lbl) for c, lbl in pairs))
