"""Entry point: the one place that catches what nobody expected."""

from __future__ import annotations

import os
import sys


def main() -> None:
    from .cli import app

    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("glutecoach: interrupted\n")
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the top-level handler: anything else is a bug
        if os.environ.get("GLUTECOACH_DEBUG"):
            raise
        sys.stderr.write(
            f"glutecoach: internal error ({type(err).__name__}: {err}). This is a bug: please report it "
            "with the command you ran. Run again with GLUTECOACH_DEBUG=1 to see the traceback.\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
