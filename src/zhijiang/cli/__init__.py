"""The ``zhijiang`` command: the platform's own batch tools (``zhijiang.cli.commands``, one
module per tool, input read by ``zhijiang.cli.io``) and every Django management command."""

from __future__ import annotations

import os
import sys

USAGE = """\
usage: zhijiang COMMAND [ARGS...]

智匠 Zhijiang — digital-skills talent platform

Set-up and running:
  migrate              create or update the database tables
  compilemessages      build the translations (zh-Hans, English)
  demo                 load the reproducible demo data and print a login for each role
  serve                serve the site at http://127.0.0.1:8000 (gunicorn; waitress with 1 worker)
  runserver            Django's development server with auto-reload
  createsuperuser      create an administrator account
  check --deploy       check the production settings

Occupations, skills and standards:
  occupations load     (re)load the CSCO-2022 taxonomy, ISCO/ESCO links and the skills vocabulary
  standards draft CODE…  draft occupational standards (offline, or with the language model)
  standards export ID / standards import FILE   standards as zhijiang.standard/1 JSON
  skills extract [FILE|-]   skills in texts, one per line in, JSON Lines out (no database needed)

Jobs, matching, evaluation and certificates:
  match --seekers F --jobs F [--top K]   rank positions for job seekers, JSON Lines (no database)
  careers nightly [--enqueue]   push new matching positions; ask due employment follow-ups
  db_worker            run queued background tasks
  irt calibrate --responses F   item parameters from a 0/1 response CSV (no database)
  credentials verify FILE [--keys F] check a certificate (platform keys, or offline files)

Data and maintenance:
  dumpdata / loaddata  export or import data as JSON
  shell                a Python shell with the project loaded

Run `zhijiang help` for every Django management command, and
`zhijiang COMMAND --help` for the options of one command.
Settings come from environment variables: see .env.example and docs/configuration.md.
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhijiang.settings")
    if len(args) < 2 or args[1] in {"-h", "--help"}:
        print(USAGE, end="")
        return
    from zhijiang.cli.commands import run
    from zhijiang.env import ConfigurationError

    try:
        status = run(args[1:])
        if status is not None:
            raise SystemExit(status)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["zhijiang", *args[1:]])
    except ConfigurationError as error:
        print(f"zhijiang: configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
