"""JupyterHub config: each user gets the freelancekit app on their own portfolio, in their own home.

Run it with ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` (JupyterHub 5,
configurable-http-proxy on the PATH). Each user's server is
``python -m freelancekit.hub``: Voila set up as ``freelancekit serve`` sets it up,
opening on the app, with ``FREELANCEKIT_DB`` pointing at ``freelancekit.sqlite`` in
that user's home. The hub authenticates every request to ``/user/<name>/``, so a
user reaches only their own app and files.

Two modes, chosen by the environment:

- default (a shared server): system accounts. PAM checks passwords and each
  user's server runs as that Unix user in their own home (run the hub as root),
  so the operating system keeps one user's portfolio from another's.
- ``FREELANCEKIT_HUB_PASSWORD`` set (a trial, and the test): the users named in
  ``FREELANCEKIT_HUB_USERS`` log in with that one password; their servers run as
  the hub's own account, each in ``$FREELANCEKIT_HUB_HOMES/<name>``. The hub keeps
  them apart over HTTP, but not on the disk: never use this mode for real people.

Settings (environment): FREELANCEKIT_HUB_IP (default 127.0.0.1), FREELANCEKIT_HUB_PORT
(8000), FREELANCEKIT_HUB_STATE (the hub's own database and cookie secret; default
the current folder), FREELANCEKIT_HUB_USERS (comma-separated, who may log in),
FREELANCEKIT_HUB_ADMINS, FREELANCEKIT_HUB_PROXY (the configurable-http-proxy command),
FREELANCEKIT_HUB_HUB_PORT and FREELANCEKIT_HUB_PROXY_API_PORT (internal ports).
On Kubernetes use Zero to JupyterHub with ``values.yaml`` next to this file instead.
"""
import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 - defined by traitlets in config files

env = os.environ.get
state = Path(env("FREELANCEKIT_HUB_STATE") or os.getcwd()).resolve()
state.mkdir(parents=True, exist_ok=True)
users = {u.strip() for u in env("FREELANCEKIT_HUB_USERS", "").split(",") if u.strip()}
admins = {u.strip() for u in env("FREELANCEKIT_HUB_ADMINS", "").split(",") if u.strip()}
trial_password = env("FREELANCEKIT_HUB_PASSWORD")
PORTFOLIO = "freelancekit.sqlite"  # freelancekit.hub.server.PORTFOLIO_NAME

# --- where the hub listens, and its own state ---
c.JupyterHub.ip = env("FREELANCEKIT_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("FREELANCEKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("FREELANCEKIT_HUB_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('FREELANCEKIT_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [env("FREELANCEKIT_HUB_PROXY", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
# the user's servers keep running (and keep their kernels' saves) if only the hub restarts;
# stopping the hub stops them too, so nothing runs unattended (each stops its kernels, saves are on disk)
c.JupyterHub.cleanup_servers = True

# --- who may log in ---
if admins:
    c.Authenticator.admin_users = admins
if users:
    c.Authenticator.allowed_users = users
if trial_password:
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = trial_password
    if not users:
        sys.exit("FREELANCEKIT_HUB_PASSWORD needs FREELANCEKIT_HUB_USERS: the trial mode lets in only the users it names")
else:
    c.JupyterHub.authenticator_class = "pam"

# --- each user's server: the app on their own portfolio ---
c.Spawner.cmd = [sys.executable, "-m", "freelancekit.hub"]
c.Spawner.default_url = "/voila/render/app.ipynb"  # freelancekit.hub.server.APP_URL
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = []
if trial_password:
    homes = Path(env("FREELANCEKIT_HUB_HOMES") or state / "homes").resolve()
    c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
    c.Spawner.environment = {"FREELANCEKIT_DB": lambda spawner: str(Path(spawner.home_dir) / PORTFOLIO)}
else:
    c.JupyterHub.spawner_class = LocalProcessSpawner
    # the server runs as the user with HOME set to their home: freelancekit.hub.server opens $HOME/freelancekit.sqlite
    c.Spawner.notebook_dir = "~"
