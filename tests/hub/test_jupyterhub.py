"""A real JupyterHub (deploy/jupyterhub/jupyterhub_config.py) with two users, through its proxy.

Each user logs in, gets the app on their own portfolio (a client only their
file holds shows in their page, a client they add in the app lands in their
file), cannot open the other's app or file (the
hub refuses: real requests through configurable-http-proxy), and stopping
the hub leaves both portfolio files with all their data. Needs
configurable-http-proxy (``scripts/test.py`` installs it with npm into
``.test-tools/``); skipped where there is none.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
LOCAL_PROXY = ROOT / ".test-tools" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "trial-password"
OWN_CLIENT = {"alice": "Alicorn Bakery Only-In-Alice", "bob": "Bobcat Garage Only-In-Bob"}
TYPED_CLIENT = {"alice": "Typed In The App By Alice", "bob": "Typed In The App By Bob"}
START_S = 90.0     # hub up, and each user's server up (two cores shared with other work)
STOP_S = 30.0

requests = pytest.importorskip("requests")


def proxy_command() -> str | None:
    env = os.environ.get("FREELANCEKIT_CHP")
    if env:
        return env
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_portfolio(path: Path, client: str) -> None:
    from freelancekit.portfolio.api import create_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(create_demo(path)) as store:
        store.add_client({"name": client, "email": "owner@example.com"})


def client_names(path: Path) -> set[str]:
    from freelancekit.portfolio.storage import Store

    with Store(path, create=False, read_only=True) as store:
        return {c.name for c in store.clients()}


def pids_with_home(homes: Path) -> list[int]:
    """Our user servers (and their kernels): processes whose HOME is one of the test's homes."""
    found = []
    marker = f"HOME={homes}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(v.startswith(marker) for v in (entry / "environ").read_bytes().split(b"\0")):
                found.append(int(entry.name))
    return found


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except requests.RequestException as exc:
            last = exc
        time.sleep(0.5)
    raise AssertionError(f"{what} not within {timeout:.0f} s (last error: {last})")


def login(base: str, name: str):
    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=10)
    r = session.post(f"{base}/hub/login", data={"username": name, "password": PASSWORD, "_xsrf": session.cookies.get("_xsrf")},
                     timeout=30, allow_redirects=False)
    assert r.status_code == 302, f"{name} could not log in: {r.status_code}"
    session.get(f"{base}/hub/spawn", timeout=30)  # starts the server; the hub answers with its "starting" page

    def app_page():
        page = session.get(f"{base}/user/{name}/", timeout=60)
        return page if page.status_code == 200 and f"/user/{name}/voila/render/app.ipynb" in page.url else None

    return session, wait_for(app_page, START_S, f"{name}'s app")


@pytest.fixture
def hub(tmp_path):
    chp = proxy_command()
    if not chp:
        if os.environ.get("CI") == "true":
            pytest.fail("the JupyterHub test must run in CI: configurable-http-proxy is missing (scripts/test.py installs it)")
        pytest.skip("configurable-http-proxy not installed (scripts/test.py installs it where npm is available)")
    homes = tmp_path / "homes"
    for user, client in OWN_CLIENT.items():
        make_portfolio(homes / user / "freelancekit.sqlite", client)
    port = free_port()
    env = {**os.environ, "FREELANCEKIT_HUB_STATE": str(tmp_path / "state"), "FREELANCEKIT_HUB_HOMES": str(homes),
           "FREELANCEKIT_HUB_USERS": ",".join(OWN_CLIENT), "FREELANCEKIT_HUB_PASSWORD": PASSWORD,
           "FREELANCEKIT_HUB_PORT": str(port), "FREELANCEKIT_HUB_HUB_PORT": str(free_port()),
           "FREELANCEKIT_HUB_PROXY_API_PORT": str(free_port()), "FREELANCEKIT_HUB_PROXY": chp,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    env.pop("FREELANCEKIT_DB", None)
    log = (tmp_path / "hub.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=tmp_path, env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    state = {"proc": proc, "base": base, "homes": homes, "log": tmp_path / "hub.log", "stopped": False}
    try:
        wait_for(lambda: proc.poll() is None and requests.get(f"{base}/hub/login", timeout=5).status_code == 200 or proc.poll() is not None,
                 START_S, "the hub")
        assert proc.poll() is None, "the hub exited:\n" + state["log"].read_text(errors="replace")[-3000:]
        yield state
    finally:
        stop_hub(state)
        log.close()


def stop_hub(state) -> None:
    """SIGTERM to the hub (it stops the user servers), bounded; then kill whatever of ours is left."""
    proc = state["proc"]
    if not state["stopped"]:
        state["stopped"] = True
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_S)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # the proxy and anything else in the hub's group
        proc.wait(timeout=10)
        deadline = time.monotonic() + STOP_S
        while pids_with_home(state["homes"]) and time.monotonic() < deadline:
            time.sleep(0.5)
        for pid in pids_with_home(state["homes"]):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def open_tab(page, view: str, timeout_ms: int) -> None:
    from app_page import TAB_TITLES, css

    from freelancekit.language import i18n
    from freelancekit.ui import dom

    page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=i18n.t(TAB_TITLES[view], "en")).first.click(timeout=timeout_ms)
    page.locator(css(dom.tab(view))).first.wait_for(state="visible", timeout=timeout_ms)


def use_app_in_browser(browser, session, url: str, text: str, absent: str, typed: str, db: Path) -> None:
    """Open the app in Chromium with the user's hub cookies, find their own client, add one (saved to their file)."""
    from app_page import add_client, wait_for
    from live_app import open_app
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        context.add_cookies([{"name": c.name, "value": c.value, "domain": "127.0.0.1", "path": c.path or "/"} for c in session.cookies])
        page = context.new_page()
        page.set_default_timeout(60_000)
        open_app(page, url)
        for attempt in range(3):  # a click while the page is still wiring its tabs can be lost: click again (bounded)
            try:
                open_tab(page, "clients", timeout_ms=20_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        page.get_by_text(text).first.wait_for(state="visible")
        assert absent not in page.inner_text("body")
        add_client(page, {"name": typed, "email": "typed@example.com"})
        wait_for(lambda: typed in client_names(db), f"{typed!r} saved in {db}")
    finally:
        context.close()


def test_each_user_gets_their_own_portfolio_and_only_theirs(hub, browser):
    base = hub["base"]
    sessions = {}
    for user, other in (("alice", "bob"), ("bob", "alice")):
        session, page = login(base, user)
        sessions[user] = session
        assert "freelancekit" in page.text  # our Voila template, served under the hub
        use_app_in_browser(browser, session, page.url, OWN_CLIENT[user], OWN_CLIENT[other], TYPED_CLIENT[user],
                           hub["homes"] / user / "freelancekit.sqlite")
        own = session.get(f"{base}/user/{user}/files/freelancekit.sqlite", timeout=30)
        assert own.status_code == 200 and own.content.startswith(b"SQLite format 3"), "a user reaches their own file"

    # bob, logged in, asks for alice's app, her file and her server's API: refused every time (pages by the
    # hub, 404 "no access"; API calls by alice's server, 403: bob's hub login grants no access to her server)
    for path in ("/", "/voila/render/app.ipynb", "/files/freelancekit.sqlite", "/api/contents/freelancekit.sqlite",
                 "/api/kernels"):
        r = sessions["bob"].get(f"{base}/user/alice{path}", timeout=30)
        assert r.status_code in (403, 404), f"bob opened alice's {path}: {r.status_code} {r.url}"
        assert OWN_CLIENT["alice"] not in r.text and b"SQLite format 3" not in r.content
    # and without logging in at all: sent to the login page
    anonymous = requests.get(f"{base}/user/alice/files/freelancekit.sqlite", timeout=30)
    assert "/hub/login" in anonymous.url and b"SQLite format 3" not in anonymous.content

    assert pids_with_home(hub["homes"]), "the user servers run with HOME in their own homes"
    stop_hub(hub)
    assert hub["proc"].returncode is not None
    assert not pids_with_home(hub["homes"]), "a user server outlived the hub"
    for user, client in OWN_CLIENT.items():
        names = client_names(hub["homes"] / user / "freelancekit.sqlite")
        assert client in names and TYPED_CLIENT[user] in names and len(names) > 5, f"{user}'s portfolio lost data when the hub stopped"
        other = "bob" if user == "alice" else "alice"
        assert OWN_CLIENT[other] not in names and TYPED_CLIENT[other] not in names
