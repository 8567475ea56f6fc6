"""``make live``: sphinx-autobuild, with one Sphinx application kept between rebuilds.

    python -m resume.live [sphinx-autobuild's arguments]

(with ``_ext`` on ``PYTHONPATH``).  sphinx-autobuild serves the site, watches
the sources, and for each change starts ``python -m sphinx``: a new
interpreter that imports Sphinx and every extension, sets them up and loads
the environment before it reads the page that changed, about a second of
every save.

Here the server imports them once, before it starts watching, and builds in
one worker process that it forks.  The worker keeps its Sphinx application:

* When only pages changed (files of a source suffix under the source
  folder), it builds again with the same application, as an incremental
  ``sphinx-build`` would, without starting over: it reads the changed pages
  and writes what they touch.
* Anything else (``conf.py``, a template, the ``.bib``, a stylesheet, the
  extension's code), a failed build, or a first build, and the worker is
  replaced by a new one, forked from the server, which runs sphinx-build's
  main as ``make html`` does.  Where a file of the project's own modules
  (``_ext``, under the folder ``make live`` runs in) has changed since the
  server loaded them, the new worker imports them anew, so that the change
  shows at once.

The server, the watcher, the reload script and the options are
sphinx-autobuild's own.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import importlib
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import sphinx_autobuild.__main__ as autobuild
import watchfiles
from sphinx_autobuild.build import Builder
from sphinx_autobuild.server import RebuildServer
from sphinx_autobuild.utils import show_command, show_message

# -- In the worker -------------------------------------------------------------

#: The worker's Sphinx application, once a build has succeeded in it.
_APP = None


def _first_build(args: list[str]) -> int:
    """sphinx-build's main in a new worker, keeping the application it makes."""
    global _APP
    # Where a file of the project's own modules (this extension) changed since
    # the server loaded them, they are all imported again, from the files as
    # they are now. The libraries they use stay loaded, and so does this
    # module, which holds the application.
    if _local_files() != _LOADED:
        for name, module in list(sys.modules.items()):
            if _is_local(module) and name != __name__:
                del sys.modules[name]
    import sphinx.cmd.build as cmd

    from resume.build import main  # as make runs sphinx-build

    # sphinx-build sets up docutils' registries for one build and puts them
    # back when it returns. This worker is the application's for as long as
    # the application lives, so they stay set up; and the application stays.
    kept = contextlib.ExitStack()

    def entered(context):
        def enter(*args):
            kept.enter_context(context(*args))
            return contextlib.nullcontext()

        return enter

    class KeptSphinx(cmd.Sphinx):
        def __init__(self, *args, **kwargs):
            global _APP
            super().__init__(*args, **kwargs)
            _APP = self

    cmd.Sphinx = KeptSphinx
    cmd.patch_docutils = entered(cmd.patch_docutils)
    cmd.docutils_namespace = entered(cmd.docutils_namespace)
    status = main(args)
    if status != 0:
        _APP = None
    # resume.build turned the garbage collector off, for one build. What this
    # build keeps is kept out of later collections (_collect).
    gc.freeze()
    return status


def _collect() -> None:
    """Free what a build left: the server asks for it after each build, while
    the browser reloads."""
    gc.collect()


def _rebuild(changed_paths: Sequence[Path]) -> int | None:
    """Build again with the worker's application; ``None`` where it cannot.

    It can where only pages changed. Sphinx reads the pages whose files are
    newer than it read them, and writes those and the pages they touch.
    """
    global _APP
    app = _APP
    # Sphinx's own names for the warning count and the doctree cache: where
    # a Sphinx keeps them otherwise, every change starts over.
    cache = getattr(getattr(app, "env", None), "_pickled_doctree_cache", None)
    if app is None or not changed_paths or cache is None or not hasattr(app, "_warncount"):
        return None
    srcdir = Path(app.srcdir).resolve()
    for path in changed_paths:
        if path.suffix not in app.config.source_suffix or not path.is_relative_to(srcdir):
            return None
    # Counted anew for each build, as a new sphinx-build would, and the pages
    # read again from their doctree files, not from the copies kept in memory
    # (as Sphinx's own test application does before each build).
    app._warncount = 0
    app.statuscode = 0
    cache.clear()
    try:
        app.build()
    except (Exception, KeyboardInterrupt) as exc:
        import sphinx._cli.util.errors

        sphinx._cli.util.errors.handle_exception(
            exc,
            stderr=sys.stderr,
            message_log=app.messagelog,
            extensions=app.extensions.values(),
        )
        app.statuscode = 2
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if app.statuscode != 0:
        _APP = None  # the next change starts over in a new worker
    return app.statuscode


# -- Which modules are the project's own ---------------------------------------

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


# -- In the server -------------------------------------------------------------


class KeptBuilder(Builder):
    """sphinx-autobuild's ``Builder``, building in a worker that keeps Sphinx."""

    _worker: concurrent.futures.ProcessPoolExecutor | None = None

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            names = [path.name for path in changed_paths[:5] if path.exists()]
            if names:
                show_message(f"Detected changes ({', '.join(names)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        status = self._build(changed_paths)
        if status != 0:
            print(
                f"Sphinx exited with exit code: {status}\n"
                "The server goes on serving the last pages it built; fix the cause "
                "above, or press Ctrl+C to stop it."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")

    def _build(self, changed_paths: Sequence[Path]) -> int:
        if self._worker is not None:
            try:
                status = self._worker.submit(_rebuild, list(changed_paths)).result()
            except concurrent.futures.BrokenExecutor:
                status = None
            if status is not None:
                self._worker.submit(_collect)
                return status
            self._worker.shutdown(cancel_futures=True)
        show_command(["sphinx-build", *self.sphinx_args])
        self._worker = concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork")
        )
        try:
            status = self._worker.submit(_first_build, self.sphinx_args).result()
        except concurrent.futures.BrokenExecutor:
            self._worker = None
            return 2
        self._worker.submit(_collect)
        return status


#: How long the watcher waits for the next change of a save before it builds,
#: in milliseconds (watchfiles waits 50): an editor writes a file at once.
#: Where a save takes longer, the build after it reads the file as saved.
STEP_MS = 10


class Watcher(RebuildServer):
    """sphinx-autobuild's watcher, calling the builder in a thread of the server
    (sphinx-autobuild forks a process for each change), so that the builder
    and its worker last from one change to the next."""

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path), step=STEP_MS
        ):
            changed_paths = [Path(path).resolve() for _, path in changes]
            await asyncio.to_thread(self.change_callback, changed_paths=changed_paths)
            self.flag.set()


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
    for name in ("Builder", "RebuildServer"):
        if not hasattr(autobuild, name):
            raise SystemExit(f"resume.live: this sphinx-autobuild has no {name} to replace")
    args, _ = autobuild._parse_args(list(argv))
    preload(Path(args.sourcedir))
    autobuild.Builder = KeptBuilder
    autobuild.RebuildServer = Watcher
    autobuild.main(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
