"""The `scrutiny` command: Django's management commands under the project's name."""

import os
import sys

# Commands spelt with hyphens on the command line, as the documentation writes them.
ALIASES = {"import-papers": "import_papers"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["scrutiny", *args])


if __name__ == "__main__":
    main()
