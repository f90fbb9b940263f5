"""JupyterHub: each user's own server, set up as ``freelancekit serve`` sets up Voila (``deploy/jupyterhub/``).

Owns the single-user server's start and settings. The top layer: it may import
every other package (it reuses ``cli.serve``); nothing imports it.
"""
