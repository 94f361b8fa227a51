"""Errors a user can cause and fix; each message is complete when raised."""

from __future__ import annotations

from collections.abc import Iterable


class GlutecoachError(Exception):
    """Bad input from the user: shown as one paragraph, exit code 2."""


class UsageError(GlutecoachError):
    """An option value that glutecoach does not accept."""


class UnknownNameError(UsageError):
    """A name (exercise, goal, region, equipment, condition) that is not known."""


class CatalogueError(GlutecoachError):
    """A catalogue file that cannot be used: where it is wrong and what is accepted."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean 'x'?' when a choice is close to the word, else ''."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def unknown(kind: str, word: str, choices: Iterable[str], option: str | None = None) -> UnknownNameError:
    """An UnknownNameError naming the bad value, what is accepted and the nearest match."""
    choices = list(choices)
    where = f" for {option}" if option else ""
    accepted = ", ".join(choices) if len(choices) <= 40 else ", ".join(choices[:40]) + ", ..."
    return UnknownNameError(
        f"Unknown {kind} '{word}'{where}.{did_you_mean(word, choices)} Accepted: {accepted}."
    )
