"""``make live``: sphinx-autobuild, whose rebuilds start with Sphinx already imported.

    python -m resume.live [sphinx-autobuild's arguments]

(with ``_ext`` on ``PYTHONPATH``).  sphinx-autobuild serves the site, watches
the sources, and for each change forks a worker process, which starts
``python -m sphinx``: a new interpreter that imports Sphinx and every
extension again before it reads a page, about a second of every save.

Here the server imports them once, before it starts watching, and the
worker it forks runs sphinx-build's main itself.  Each build is still a
process of its own, so nothing carries over from one build to the next;
it only starts with its modules loaded.  Where a file of the project's own
modules (``_ext``, under the folder ``make live`` runs in) has changed
since, the build imports them anew, so that the change shows at once.  The server,
the watcher, the reload script and the options are sphinx-autobuild's own.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import sphinx_autobuild.__main__ as autobuild
from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_command, show_message


def _sphinx_build(args: list[str]) -> int:
    # Where a file of the project's own modules (this extension) changed since
    # the server loaded them, they are all imported again, from the files as
    # they are now. The libraries they use stay loaded.
    if _local_files() != _LOADED:
        for name, module in list(sys.modules.items()):
            if _is_local(module):
                del sys.modules[name]
    from resume.build import main  # as make runs sphinx-build

    return main(args)


#: The files of the project's own modules as the server loaded them: path -> time.
_LOADED: dict[str, int] = {}


def _local_files() -> dict[str, int]:
    files = {}
    for module in list(sys.modules.values()):
        if _is_local(module):
            files[module.__file__] = os.stat(module.__file__).st_mtime_ns
    return files


def _is_local(module) -> bool:
    """Whether *module* is one of the project's own files: under the working
    folder, and not in the virtualenv (which may be there too)."""
    path = getattr(module, "__file__", None)
    if not path:
        return False
    path = Path(path).resolve()
    return path.is_relative_to(Path.cwd().resolve()) and not path.is_relative_to(
        Path(sys.prefix).resolve()
    )


class PreloadedBuilder(Builder):
    """sphinx-autobuild's ``Builder``, running sphinx-build in its own process.

    sphinx-autobuild calls it in a worker that it forks for each change; the
    first build, which it calls in the server itself, gets a worker here.
    """

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            names = [path.name for path in changed_paths[:5] if path.exists()]
            if names:
                show_message(f"Detected changes ({', '.join(names)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        show_command(["sphinx-build", *self.sphinx_args])
        if changed_paths:  # in sphinx-autobuild's worker already
            status = _sphinx_build(self.sphinx_args)
        else:
            with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
                status = pool.submit(_sphinx_build, self.sphinx_args).result()
        if status != 0:
            print(
                f"Sphinx exited with exit code: {status}\n"
                "The server goes on serving the last pages it built; fix the cause "
                "above, or press Ctrl+C to stop it."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


def preload(source: Path) -> None:
    """Import Sphinx, its own extensions, those that ``conf.py`` lists, and this one's parts."""
    import sphinx.cmd.build  # noqa: F401
    from sphinx.application import builtin_extensions
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    config = Config.read(source.resolve(), overrides={}, tags=Tags())
    for name in (*builtin_extensions, *config.extensions):
        importlib.import_module(name)
    # This package imports its parts when Sphinx sets it up.
    importlib.import_module(__package__ or "resume").import_parts()
    _LOADED.update(_local_files())


def main(argv: list[str]) -> int:
    if not hasattr(autobuild, "Builder"):
        raise SystemExit("resume.live: this sphinx-autobuild has no Builder to replace")
    args, _ = autobuild._parse_args(list(argv))
    preload(Path(args.sourcedir))
    autobuild.Builder = PreloadedBuilder
    autobuild.main(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
