"""glutecoach.core.record.NamedTuple makes the same records as typing.NamedTuple, without its per-field checks."""

from __future__ import annotations

import pickle
import typing

import pytest

from glutecoach.core.record import NamedTuple


class Lift(NamedTuple):
    """A lift and its load."""

    slug: str
    load: float | None = None
    reps: tuple[int, ...] = ()

    @property
    def volume(self) -> float:
        return (self.load or 0) * sum(self.reps)

    def heavier(self, step: float) -> Lift:
        return self._replace(load=(self.load or 0) + step)


class TypingLift(typing.NamedTuple):
    slug: str
    load: float | None = None
    reps: tuple[int, ...] = ()


def test_a_record_behaves_as_typings_namedtuple() -> None:
    lift = Lift("hip-thrust", 60.0, (10, 10))
    assert tuple(lift) == tuple(TypingLift("hip-thrust", 60.0, (10, 10))) == ("hip-thrust", 60.0, (10, 10))
    assert Lift._fields == TypingLift._fields
    assert Lift._field_defaults == TypingLift._field_defaults == {"load": None, "reps": ()}
    assert Lift("rdl") == ("rdl", None, ())
    assert lift.volume == 1200.0
    assert lift.heavier(2.5).load == 62.5
    assert Lift._make(["rdl", 40.0, (8,)]).reps == (8,)
    assert lift._asdict() == {"slug": "hip-thrust", "load": 60.0, "reps": (10, 10)}
    assert Lift.__doc__ == "A lift and its load."
    assert Lift.__module__ == __name__ and Lift.__qualname__ == "Lift"
    assert pickle.loads(pickle.dumps(lift)) == lift  # the class is found by its module and name
    assert set(Lift.__annotations__) == {"slug", "load", "reps"}


def test_a_field_without_a_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="reps without a default"):

        class Broken(NamedTuple):
            slug: str
            load: float = 0.0
            reps: int  # type: ignore[misc]


def test_a_record_cannot_overwrite_what_namedtuple_defines() -> None:
    with pytest.raises(AttributeError, match="_replace"):

        class Broken(NamedTuple):
            slug: str

            def _replace(self, **kw: object) -> Broken:  # type: ignore[misc]
                return self


def test_a_record_derives_from_namedtuple_alone() -> None:
    with pytest.raises(TypeError, match="derives from NamedTuple alone"):

        class Both(NamedTuple, dict):  # type: ignore[misc]
            slug: str


class One(NamedTuple):
    only: int


class Five(NamedTuple):
    a: int
    b: str
    c: float = 1.5
    d: tuple[int, ...] = ()
    e: str | None = None


@pytest.mark.parametrize(
    ("record", "values"),
    [(One, (7,)), (Five, (1, "x")), (Five, (1, "x", 2.0, (3,), "y")), (Lift, ("rdl",)), (Lift, ("rdl", 40.0, (8, 8)))],
)
def test_every_behaviour_of_collections_namedtuple_is_kept(record: type, values: tuple[object, ...]) -> None:
    import collections
    import copy

    defaults = list(record._field_defaults.values())  # type: ignore[attr-defined]
    plain = collections.namedtuple(record.__name__, record._fields, defaults=defaults)  # type: ignore[attr-defined, misc]
    ours, theirs = record(*values), plain(*values)
    assert tuple(ours) == tuple(theirs) and repr(ours) == repr(theirs)
    assert ours._asdict() == theirs._asdict() and record.__match_args__ == plain.__match_args__  # type: ignore[attr-defined]
    assert record(**dict(zip(record._fields, values, strict=False))) == ours  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(ours)) == ours and copy.deepcopy(ours) == ours and copy.copy(ours) == ours
    assert hash(ours) == hash(theirs) and ours == theirs
    first = record._fields[0]  # type: ignore[attr-defined]
    assert ours._replace(**{first: values[0]}) == ours
    errors: list[type[BaseException]] = []
    for kind in (record, plain):
        with pytest.raises(TypeError):
            kind()  # the first field has no default
        with pytest.raises(TypeError, match="Expected"):
            kind._make([*values, *defaults, "one too many"][: len(record._fields) + 1])  # type: ignore[attr-defined]
        with pytest.raises((ValueError, TypeError), match="unexpected field names") as raised:
            kind(*values)._replace(nonsense=1)
        errors.append(raised.type)
        with pytest.raises(AttributeError):
            kind(*values).nonsense = 1  # no instance dict (__slots__ = ())
    assert errors[0] is errors[1]  # the error this Python's namedtuple raises (ValueError; TypeError from 3.13)
    assert getattr(record, first).__doc__ == getattr(plain, first).__doc__ == "Alias for field number 0"


def test_a_field_name_cannot_start_with_an_underscore() -> None:
    with pytest.raises(ValueError, match="underscore"):

        class Hidden(NamedTuple):
            _secret: int  # type: ignore[misc]


@pytest.mark.parametrize("n", range(1, 18))
def test_a_precompiled_constructor_is_the_one_compiled_at_run_time(n: int) -> None:
    """1 to 16 fields take a constructor compiled with core.record; each must be exactly the one written at
    run time for more fields (a tuple of the arguments, in order: `(_0)` for `(_0,)` would not be)."""
    from glutecoach.core import record

    args = "".join(f"_{i}, " for i in range(n))
    module = compile(f"lambda _cls, {args}: _tuple_new(_cls, ({args}))", "<record>", "eval")
    written = next(c for c in module.co_consts if hasattr(c, "co_code"))
    fields = tuple(f"f{i}" for i in range(n))
    made = record._new("Rec", fields, [])
    assert made.__code__.co_code == written.co_code and made.__code__.co_argcount == n + 1
    assert made.__code__.co_varnames == ("_cls", *fields) and made.__code__.co_names == written.co_names
    values = tuple(range(n))
    assert made(tuple, *values) == values
