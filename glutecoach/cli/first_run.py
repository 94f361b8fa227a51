"""The first run of `recommend` or `plan` with no saved profile.

On a terminal it asks start's questions that the options leave open (goal, level, equipment, conditions,
and for a plan the days a week), saves the answers to the profile and goes on to the answer. Off a
terminal (stdin or stdout not a TTY) it never asks: after the answer it says in one line on stderr how
to give them. With
a profile, or with every answer given as an option, it does nothing: the check is one stat of the file.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence

# Start's questions each command's answer depends on, and the options that answer them.
QUESTIONS = {"recommend": ("goal", "level", "equipment", "pain"), "plan": ("goal", "level", "equipment", "pain", "days")}
OPTIONS = {
    "goal": ("--goal", "-g"),
    "level": ("--level", "-l"),
    "equipment": ("--equipment", "-e"),
    "pain": ("--pain", "--condition"),
    "days": ("--days-per-week", "-d"),
}
# What stands in for an answer not given (a plan's goal is glute-size; recommend has none and says so).
UNTIL_THEN = {"plan": {"goal": "glute-size"}, "recommend": {}, "": {"level": "beginner", "equipment": "all", "pain": "none", "days": "3"}}


def no_profile() -> bool:
    from glutecoach.store.profile import profile_path

    return not profile_path().exists()


def may_ask(args: Sequence[str]) -> bool:
    """Whether this run may ask (recommend or plan, an answer not given, no profile): the pager then
    leaves it alone, so that the questions reach the screen as they are asked."""
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in QUESTIONS or (words[0] == "plan" and words[1:2] in (["start"], ["next"])):
        return False
    given = {a.split("=", 1)[0] for a in args if a.startswith("-")}
    return any(not given & set(OPTIONS[q]) for q in QUESTIONS[words[0]]) and no_profile()


def hint(command: str, missing: Sequence[str]) -> str:
    """One line: what stands in for the answers not given, and the two ways to give them."""
    defaults = {**UNTIL_THEN[""], **UNTIL_THEN[command]}
    used = " ".join(f"{OPTIONS[q][0]} {defaults[q]}" for q in missing if q in defaults)
    return f"Note: no saved profile, so this uses {used}; give yours as options, or run 'glutecoach start' once to save them.\n"


@contextlib.contextmanager
def first_run(
    command: str,
    goal: str | None,
    level: str | None,
    equipment: list[str] | None,
    pain: list[str] | None,
    days: int | None = None,
) -> Iterator[int | None]:
    """Around a command's work: with no profile and an answer missing, ask first (on a terminal) and give
    the body the days a week answered for a plan; off a terminal, hint once the body has succeeded (a
    run that fails says only what went wrong)."""
    given = {"goal": goal, "level": level, "equipment": equipment, "pain": pain, "days": days}
    missing = [q for q in QUESTIONS[command] if given[q] is None]
    if not missing or not no_profile():
        yield None
        return
    from glutecoach.cli import start

    if not start._interactive() or getattr(sys.stdout, "held_back", False):  # never a question into the pager's buffer
        yield None
        sys.stderr.write(hint(command, missing))
        return
    from glutecoach.cli.options import load_catalogue

    sys.stdout.write("No profile yet: a few questions first (Enter keeps what is shown; 'glutecoach profile set' changes them later).\n")
    cat = load_catalogue(None, quiet=True)
    kit = ",".join(equipment) if equipment else None
    _, answered = start.ask_and_save(cat, goal, level, kit, pain, days, ask=True, ask_days=command == "plan")
    sys.stdout.write("\nSaved to your profile ('glutecoach profile show').\n\n")
    yield answered if command == "plan" else None
