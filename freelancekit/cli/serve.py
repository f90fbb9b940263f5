"""``serve``: the Voila app on this computer only (127.0.0.1).

The launch settings here are part of the app's security (see SECURITY.md):
loopback only, no files served over HTTP, no tracebacks in the page, Host
header checked (DNS rebinding), and Voila's standalone kernel manager, which
refuses ``execute_request`` messages from the page. A page that is closed or
reloaded stops its kernel (``set_xsrf_cookie``); idle kernels without a page
are culled, so a long session never piles up kernels. The page itself comes
from our own Voila template (``jupyter_data/``: "lab" without its CDN
stylesheets), so loading the app contacts no server but this one. One
kernel is started ahead and waits for the next page (``cli/waiting_kernel.py``).
"""
from __future__ import annotations

import argparse
import contextlib
import errno
import os
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any

from freelancekit.cli import Say, add_db_option

HOST = "127.0.0.1"
DEFAULT_PORT = 8866
APP_NOTEBOOK = "app.ipynb"
BROWSER_WAIT_S = 60.0
TEMPLATE = "freelancekit"  # jupyter_data/voila/templates/freelancekit: Voila's "lab" without CDN links
# A kernel whose page is gone (no websocket) and that has been idle this long is shut down: the
# backstop for a page that could not say goodbye (browser killed, laptop lid shut, network gone).
# A page that is open keeps its websocket, so its kernel is never culled, however long it sits.
CULL_IDLE_S = 600
CULL_INTERVAL_S = 60


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("serve", help=say("cli.help.serve"))
    add_db_option(p, say)
    p.add_argument("--port", type=int, metavar="N", help=say("cli.help.serve.port", port=str(DEFAULT_PORT)))  # a port as typed: Latin digits
    p.add_argument("--no-browser", action="store_true", help=say("cli.help.no_browser"))
    # for benchmarks: serve another notebook exactly the way the app is served
    p.add_argument("--notebook", metavar="PATH", help=argparse.SUPPRESS)
    # for tests: cull a page-less kernel after this many idle seconds instead of CULL_IDLE_S
    p.add_argument("--cull-idle", type=int, metavar="S", help=argparse.SUPPRESS)
    # for benchmarks: start every page's kernel when the page is asked for, as Voila does by default
    p.add_argument("--no-waiting-kernel", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run_serve)


def app_notebook() -> Path:
    """The one app notebook: the repository's ``notebooks/app.ipynb``.

    In a checkout (or editable install) it sits next to the package; an
    installed wheel carries the same file as data under ``<prefix>/share``.
    """
    from freelancekit.errors import StorageError

    candidates = [
        Path(__file__).resolve().parents[2] / "notebooks" / APP_NOTEBOOK,
        Path(sys.prefix) / "share" / "freelancekit" / "notebooks" / APP_NOTEBOOK,
    ]
    for path in candidates:
        if path.is_file():
            return path
    raise StorageError(code="serve.no_app_notebook")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def choose_port(requested: int | None) -> int:
    """The port asked for (refused if taken), else 8866 or any free one."""
    from freelancekit.errors import EXIT_INPUT, FreelancekitError

    if requested is not None:
        if not 1 <= requested <= 65535:
            raise FreelancekitError(code="serve.bad_port", exit_code=EXIT_INPUT, port=str(requested), minimum=1, maximum=65535)
        if not port_is_free(requested):
            raise FreelancekitError(code="serve.port_in_use", exit_code=EXIT_INPUT, port=str(requested), host=HOST)
        return requested
    if port_is_free(DEFAULT_PORT):
        return DEFAULT_PORT
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare_portfolio(db: str | None, *, new_is_empty: bool | None = None) -> Path:
    """Open the portfolio once (a bad file fails here, before the server starts).

    A file that does not exist yet is created: empty when the user named it
    (``--db``: they are starting their own, and the app opens on its guided first
    run), the demo at the default place (the very first run: look around first).
    ``new_is_empty`` overrides that (the hub names each user's file but starts on the demo).
    """
    from freelancekit.portfolio.api import create_demo, open_portfolio
    from freelancekit.portfolio.paths import default_db_path

    path = Path(db).expanduser() if db else default_db_path()
    empty = bool(db) if new_is_empty is None else new_is_empty
    if not path.exists():
        (open_portfolio(path) if empty else create_demo(path)).close()
    else:
        open_portfolio(path, create=False).close()
    return path.resolve()


def template_data_dir() -> Path:
    """The Jupyter data folder that holds our Voila template (shipped inside the package)."""
    return Path(__file__).resolve().parent / "jupyter_data"


def use_our_template() -> None:
    """Let Voila find our template: it looks in the Jupyter data folders, and JUPYTER_PATH comes first."""
    here = str(template_data_dir())
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != here]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([here, *paths])


def set_xsrf_cookie(handler: Any, notebook: Any = None, cwd: Any = None) -> None:
    """Voila's prelaunch hook: give the page its ``_xsrf`` cookie before the page is sent.

    When a page is closed or reloaded, Voila's script posts the cookie's value
    to ``/voila/api/shutdown/<kernel>`` so the server stops that page's kernel.
    Voila's page handler never reads ``xsrf_token``, so tornado never sets the
    cookie, the post goes out with an empty ``_xsrf`` and is refused (403),
    and every reload leaves a kernel running (a known Voila bug). Reading the
    token here sets the cookie (tornado does that on first access), with
    XSRF checking left on.
    """
    handler.xsrf_token  # noqa: B018 - the property sets the cookie


def page_language(db: str | None) -> dict[str, str]:
    """What the page needs before the app runs: its language, direction, title and loading text (the portfolio's language)."""
    from freelancekit.language import i18n
    from freelancekit.portfolio.storage import Store

    locale = "en"
    try:
        if db and Path(db).is_file():
            with Store(db, create=False, read_only=True) as store:
                locale = i18n.normalise_locale(store.profile().locale)
    except Exception:  # noqa: BLE001 - an unreadable portfolio: the app itself will say why
        pass
    return {"lang": locale, "dir": "rtl" if i18n.is_rtl(locale) else "ltr", "title": "freelancekit",
            "loading": i18n.t("page.loading", locale)}


def prepare_page(handler: Any, notebook: Any = None, cwd: Any = None) -> None:
    """Voila's prelaunch hook, run for every page: the ``_xsrf`` cookie, then the page's language.

    The template (``index.html.j2``) reads ``notebook.metadata.freelancekit`` to set
    ``<html lang dir>``, the tab title and the loading message before the kernel starts.
    """
    from freelancekit.portfolio.paths import ENV_VAR

    set_xsrf_cookie(handler, notebook, cwd)
    if notebook is not None:
        page = page_language(os.environ.get(ENV_VAR))
        notebook.metadata["title"] = page["title"]
        notebook.metadata["freelancekit"] = page


def voila_config(port: int, cull_idle_s: int = CULL_IDLE_S) -> Any:
    """Everything the app needs from Voila, as one traitlets config."""
    from traitlets.config import Config

    c = Config()
    c.Voila.ip = HOST
    c.Voila.port = port
    c.Voila.port_retries = 0            # never silently move to another port
    c.Voila.open_browser = False        # we open it ourselves, once the port answers
    c.Voila.tornado_settings = {
        "allow_remote_access": False,   # check the Host header: blocks DNS-rebinding pages
        "local_hostnames": ["localhost"],
        # above the app's 10 MB upload limit, so a too-big file reaches the import view and gets its
        # clear message instead of being dropped by tornado's 10 MiB default without a word
        "websocket_max_message_size": 64 * 2**20,
    }
    vc = c.VoilaConfiguration
    vc.template = TEMPLATE              # needs use_our_template() before Voila starts
    vc.theme = "light"
    vc.strip_sources = True
    vc.show_tracebacks = False
    vc.file_allowlist = []              # serve no files at all: the portfolio never leaves the disk over HTTP
    vc.file_denylist = [".*"]
    # Off, measured with benchmarks/bench_app_tti.py (median of 5): a preheated kernel cut a warm
    # reload from 2.7 s to 1.9 s but not the first load (2.5 s -> 3.0 s), keeps a second kernel
    # running, and shows the portfolio as it was when that kernel was preheated, not as it is now.
    # (Voila also refuses a prelaunch hook with preheating, and set_xsrf_cookie below is one.)
    # `serve` keeps a kernel waiting instead, which has run nothing of the page (cli/waiting_kernel.py).
    vc.preheat_kernel = False
    vc.progressive_rendering = False
    vc.allow_template_override = "NO"
    vc.allow_theme_override = "NO"
    vc.prelaunch_hook = prepare_page     # a closed page's shutdown request gets through; the page's language
    km = c.MappingKernelManager         # Voila's kernel manager is one of these
    km.cull_idle_timeout = cull_idle_s
    km.cull_interval = min(CULL_INTERVAL_S, max(1, cull_idle_s // 2))
    km.cull_connected = False           # an open page's kernel stays, however idle
    km.cull_busy = False
    # takes the kernel `serve` keeps waiting when there is one (cli/waiting_kernel.py); else as Jupyter's own
    km.kernel_manager_class = "freelancekit.cli.kernel_manager.WaitingKernelManager"
    return c


def open_browser_when_ready(url: str, port: int) -> None:
    """Open the page in a thread once the port answers (bounded wait)."""

    def wait_and_open() -> None:
        deadline = time.monotonic() + BROWSER_WAIT_S
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    webbrowser.open(url)
                    return
            except OSError:
                time.sleep(0.2)

    threading.Thread(target=wait_and_open, daemon=True, name="open-browser").start()


def running_message(url: str, db: Path, locale: str) -> str:
    """What ``serve`` says once the app is up: where, which portfolio, how to stop."""
    from freelancekit.language.i18n import t

    return t("cli_out.serving", locale, url=url, path=db)


def compile_app() -> None:
    """Write the bytecode of the app's modules now, so that no page load compiles them again.

    Every page load starts a kernel that imports about a hundred of the app's
    modules. Python caches their compiled form only as it imports them, and not
    at all where PYTHONDONTWRITEBYTECODE is set (container images often set it)
    or the install is read-only: then each page load compiled them again, CPU
    taken from the browser while it loads the page (docs/architecture.md, "How
    the page gets to its first slider"). Best effort: modules already compiled
    are skipped, and a folder we may not write is left as it is.
    """
    import compileall

    with contextlib.suppress(OSError):
        compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=2)


def run_serve(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.paths import ENV_VAR

    port = choose_port(args.port)
    db = prepare_portfolio(args.db)
    notebook = Path(args.notebook).resolve() if args.notebook else app_notebook()
    if not notebook.is_file():
        from freelancekit.errors import EXIT_INPUT, FreelancekitError

        raise FreelancekitError(code="serve.no_notebook", exit_code=EXIT_INPUT, path=str(notebook))
    os.environ[ENV_VAR] = str(db)  # inherited by the kernel
    compile_app()
    use_our_template()
    from freelancekit.cli.waiting_kernel import SERVER as waiting_kernels

    if not args.no_waiting_kernel:
        waiting_kernels.start()
    url = f"http://{HOST}:{port}/"
    print(running_message(url, db, args.lang), flush=True)
    if not args.no_browser:
        open_browser_when_ready(url, port)

    from voila.app import Voila

    try:
        cull = args.cull_idle if args.cull_idle else CULL_IDLE_S
        Voila.launch_instance(argv=[str(notebook)], config=voila_config(port, cull))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            from freelancekit.errors import FreelancekitError

            raise FreelancekitError(code="serve.port_in_use", port=str(port), host=HOST) from None
        raise
    finally:
        waiting_kernels.stop()
        fold_wal(db)
    return 0


def fold_wal(db: Path) -> None:
    """Once the server (and its kernels) stopped: leave every save in the portfolio file itself.

    A kernel that was killed, not shut down, never closed its connection, so its
    saves may still sit in the ``-wal`` side file; a copy of the portfolio file
    alone would then be old. Opening and closing the store checkpoints it
    (``Store.close``). Best effort: the saves are safe in the WAL either way.
    """
    from freelancekit.errors import FreelancekitError
    from freelancekit.portfolio.storage import Store

    with contextlib.suppress(FreelancekitError, OSError):
        Store(db, create=False).close()
