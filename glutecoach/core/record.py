"""`NamedTuple` for glutecoach's records, made without typing's per-field checks.

typing.NamedTuple checks each field's annotation when a class is made. With postponed annotations
(every module here starts with `from __future__ import annotations`) each annotation is a string, and
each check compiles it; collections.namedtuple, under it, compiles a `__new__` for every class. `plan
next` makes 46 record classes before it reads a line of the log: 6-8 ms of a 130 ms run (2-core x86_64,
Python 3.11), now about 1.25 ms. Nothing in glutecoach reads the checked types at run time, so at run
time this base makes the class collections.namedtuple makes (tests/unit/test_record.py holds every
behaviour equal), with one `__new__` per number of fields (1 to 16 compiled ahead, with this module),
plus the class body's defaults, methods and docstring. Type checkers see typing.NamedTuple itself, so a record is checked exactly as before.

Use it as typing's: `class Peak(NamedTuple): action: str; at: str`. Only the class form is supported
(no functional form, no Generic), which is the only form glutecoach uses.
"""

from __future__ import annotations

import sys
from collections import namedtuple
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any

# What a record's body may not set, and what it sets that the record takes from namedtuple (as typing).
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "_source"}
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

# collections.namedtuple's own field descriptor (a C type it keeps private), taken from a named tuple.
_FIELD = type(namedtuple("_Probe", "x").x)  # type: ignore[attr-defined]
_NEW_CODE: dict[int, Any] = {}  # number of fields -> the code of `lambda _cls, f0, f1, ...: tuple.__new__(_cls, (f0, f1, ...))`

# The constructors of 1 to 16 fields, compiled with this module (its .pyc holds them): compiling one at
# run time costs 40-80 us, and glutecoach's records have 16 different numbers of fields. The names
# (_0, _1, ...) are replaced by the fields' in _new; _tuple_new is the globals' tuple.__new__ there.
_tuple_new = tuple.__new__
_PRECOMPILED = (
    lambda _cls, _0: _tuple_new(_cls, (_0,)),
    lambda _cls, _0, _1: _tuple_new(_cls, (_0, _1)),
    lambda _cls, _0, _1, _2: _tuple_new(_cls, (_0, _1, _2)),
    lambda _cls, _0, _1, _2, _3: _tuple_new(_cls, (_0, _1, _2, _3)),
    lambda _cls, _0, _1, _2, _3, _4: _tuple_new(_cls, (_0, _1, _2, _3, _4)),
    lambda _cls, _0, _1, _2, _3, _4, _5: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11: _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11)),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12: _tuple_new(
        _cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12)
    ),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13: _tuple_new(
        _cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13)
    ),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14: _tuple_new(
        _cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14)
    ),
    lambda _cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15: _tuple_new(
        _cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15)
    ),
)


def _new(typename: str, fields: tuple[str, ...], defaults: list[Any]) -> FunctionType:
    """The record's __new__, as collections.namedtuple writes it, but compiled once per number of fields
    (1 to 16: ahead, with this module) and renamed (namedtuple compiles one per class)."""
    code = _NEW_CODE.get(len(fields))
    if code is None and len(fields) <= len(_PRECOMPILED):
        code = _NEW_CODE[len(fields)] = _PRECOMPILED[len(fields) - 1].__code__
    if code is None:
        args = "".join(f"_{i}, " for i in range(len(fields)))
        module = compile(f"lambda _cls, {args}: _tuple_new(_cls, ({args}))", "<record>", "eval")
        code = _NEW_CODE[len(fields)] = next(c for c in module.co_consts if isinstance(c, CodeType))
    made = FunctionType(code.replace(co_varnames=("_cls", *fields), co_name="__new__"), _NEW_GLOBALS, "__new__", tuple(defaults) or None)
    made.__qualname__ = f"{typename}.__new__"
    made.__doc__ = f"Create new instance of {typename}({', '.join(fields)})"
    return made


_NEW_GLOBALS: dict[str, Any] = {"_tuple_new": tuple.__new__, "__builtins__": {}}
_REPLACE_ERROR = TypeError if sys.version_info >= (3, 13) else ValueError  # what namedtuple's _replace raises


@classmethod  # type: ignore[misc]
def _make(cls: Any, iterable: Any) -> Any:
    """Make a new record from a sequence or iterable."""
    result = tuple.__new__(cls, iterable)
    if len(result) != len(cls._fields):
        raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
    return result


def _replace(self: Any, /, **kwds: Any) -> Any:
    """Return a new record replacing specified fields with new values."""
    result = self._make(map(kwds.pop, self._fields, self))
    if kwds:
        raise _REPLACE_ERROR(f"Got unexpected field names: {list(kwds)!r}")
    return result


def _repr(self: Any) -> str:
    """Return a nicely formatted representation string."""
    return f"{self.__class__.__name__}({', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self, strict=True))})"


def _asdict(self: Any) -> dict[str, Any]:
    """Return a new dict which maps field names to their values."""
    return dict(zip(self._fields, self, strict=True))


def _getnewargs(self: Any) -> tuple[Any, ...]:
    """Return self as a plain tuple. Used by copy and pickle."""
    return tuple(self)


_repr.__name__ = "__repr__"
_getnewargs.__name__ = "__getnewargs__"


class _RecordMeta(type):
    def __new__(mcls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (NamedTuple,):
            raise TypeError(f"{typename}: a record derives from NamedTuple alone")
        annotations: dict[str, Any] = ns.get("__annotations__", {})
        fields = tuple(annotations)
        if any(name.startswith("_") for name in fields):
            raise ValueError(f"{typename}: a field name cannot start with an underscore (as in collections.namedtuple)")
        defaults = []
        for name in fields:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"{typename}: the field {name} without a default follows one with a default")
        body = {
            "__doc__": f"{typename}({', '.join(fields)})",
            "__slots__": (),
            "_fields": fields,
            "_field_defaults": dict(zip(fields[len(fields) - len(defaults) :], defaults, strict=True)),
            "__new__": _new(typename, fields, defaults),
            "_make": _make,
            "_replace": _replace,
            "__repr__": _repr,
            "_asdict": _asdict,
            "__getnewargs__": _getnewargs,
            "__match_args__": fields,
            "__module__": ns["__module__"],
            "__annotations__": dict(annotations),
        }
        for index, name in enumerate(fields):
            body[name] = _FIELD(index, f"Alias for field number {index}")
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{typename}: cannot overwrite the NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in fields:
                body[key] = value
        record = type(typename, (tuple,), body)
        record.__new__.__annotations__ = body["__annotations__"]
        return record


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(_RecordMeta, "NamedTuple", (), {})
