"""``python -m freelancekit.hub``: the single-user server JupyterHub spawns (``server.main``)."""
from freelancekit.hub.server import main

main()
