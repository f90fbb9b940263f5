"""The deployment files agree with the single-user server they start (no hub needed)."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from freelancekit.hub import server as hub

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub"


def test_values_yaml_starts_our_server_on_a_portfolio_in_the_home():
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    user = values["singleuser"]
    assert user["cmd"] == ["python", "-m", "freelancekit.hub"]
    assert user["defaultUrl"] == hub.APP_URL
    db = user["extraEnv"]["FREELANCEKIT_DB"]
    assert db == f"{user['storage']['homeMountPath']}/{hub.PORTFOLIO_NAME}", "the portfolio lives on the user's own volume"
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_jupyterhub_config_names_the_same_portfolio_and_page():
    source = (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")
    ast.parse(source)
    assert f'PORTFOLIO = "{hub.PORTFOLIO_NAME}"' in source
    assert f'c.Spawner.default_url = "{hub.APP_URL}"' in source
    assert '"-m", "freelancekit.hub"' in source
