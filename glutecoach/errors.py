"""Errors a user can cause and fix. Each carries what is wrong as fields; its message is complete.

The CLI adds where a value came from (`source`: "for --goal", "in your saved profile") before printing,
so the core never names a command-line flag.
"""

from __future__ import annotations

from collections.abc import Iterable


class GlutecoachError(Exception):
    """Bad input from the user: shown as one paragraph, exit code 2."""


class UsageError(GlutecoachError):
    """An option value that glutecoach does not accept."""


class UnknownNameError(UsageError):
    """A name (exercise, goal, region, equipment, condition, level, ...) that is not known."""

    def __init__(
        self,
        kind: str,
        value: str,
        choices: Iterable[str],
        source: str = "",
        hint: str | None = None,
        message: str = "",
    ) -> None:
        self.kind, self.value, self.choices, self.source = kind, value, tuple(choices), source
        self.hint = did_you_mean(value, self.choices) if hint is None else hint
        self._message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self._message:
            return one_line(self._message)
        where = f" {self.source}" if self.source else ""
        shown = self.choices if len(self.choices) <= MAX_LISTED else (*self.choices[:MAX_LISTED], "...")
        return one_line(f"Unknown {self.kind} '{self.value}'{where}.{self.hint} Accepted: {', '.join(shown)}.")

    def at(self, source: str) -> UnknownNameError:
        """The same error, saying where the value came from ('for --goal', 'in your saved profile')."""
        return UnknownNameError(self.kind, self.value, self.choices, source, self.hint, self._message)


MAX_LISTED = 40  # accepted words listed in full up to this many


class CatalogueError(GlutecoachError):
    """A catalogue file that cannot be used: where it is wrong and what is accepted."""


def one_line(text: str) -> str:
    """A message that stays one paragraph whatever the value in it holds (a name given with a line break)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean 'x'?' when a choice is close to the word, else ''."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
