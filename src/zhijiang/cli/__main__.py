"""``python -m zhijiang.cli``: the ``zhijiang`` command without the console script."""

from zhijiang.cli import main

main()
