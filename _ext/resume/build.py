"""``sphinx-build`` as the Makefile runs it: the same command, less of Python's overhead.

    python -m resume.build [sphinx-build's arguments]

(with ``_ext`` on ``PYTHONPATH``).  Two costs of a short build are Python's,
not Sphinx's (measured on the résumé, 2 cores):

* The cyclic garbage collector: about 300 collections in one build, 0.2 s,
  which find some 3 MB to free.  It is off for the build.
* The interpreter's teardown: it frees every object one by one when the
  process ends, 0.3-0.4 s.  Here the exit handlers run (logging's, the
  multiprocessing manager's), the output is flushed, and the process ends
  at once.

The files a build writes are closed when it returns, so nothing is lost.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


def main(argv: list[str]) -> int:
    from sphinx.cmd.build import main as sphinx_build

    gc.disable()
    return sphinx_build(argv)


if __name__ == "__main__":
    status = main(sys.argv[1:])
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
