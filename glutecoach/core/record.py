"""`NamedTuple` for glutecoach's records, made without typing's per-field checks.

typing.NamedTuple checks each field's annotation when a class is made. With postponed annotations
(every module here starts with `from __future__ import annotations`) each annotation is a string, and
each check compiles it: about 0.13 ms a class, and `plan next` makes 46 of them before it reads a line
of the log (6-8 ms of a 130 ms run, measured on a 2-core x86_64 machine, Python 3.11). Nothing in
glutecoach reads those checked types at run time, so at run time this base makes the same class
(collections.namedtuple, the class body's defaults, methods and docstring) without the checks. Type
checkers see typing.NamedTuple itself, so a record is checked exactly as before.

Use it as typing's: `class Peak(NamedTuple): action: str; at: str`. Only the class form is supported
(no functional form, no Generic), which is the only form glutecoach uses.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING, Any

# What a record's body may not set, and what it sets that the record takes from namedtuple (as typing).
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "_source"}
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _RecordMeta(type):
    def __new__(mcls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (NamedTuple,):
            raise TypeError(f"{typename}: a record derives from NamedTuple alone")
        annotations: dict[str, Any] = ns.get("__annotations__", {})
        defaults = []
        for name in annotations:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"{typename}: the field {name} without a default follows one with a default")
        record = namedtuple(typename, annotations, defaults=defaults, module=ns["__module__"])  # type: ignore[misc]
        record.__annotations__ = record.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{typename}: cannot overwrite the NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in record._fields:
                setattr(record, key, value)
        return record


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(_RecordMeta, "NamedTuple", (), {})
