"""pyproject.toml (pip) and environment.yml (conda) must declare the same dependencies."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Entries of environment.yml that are conda plumbing, not package dependencies.
CONDA_ONLY = {"python", "pip"}
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$")


def _normalise(requirement: str) -> tuple[str, str]:
    """(PEP 503 name, version spec without spaces): 'jupyter_server >= 2.20' -> ('jupyter-server', '>=2.20')."""
    m = _REQ.match(requirement)
    assert m, f"cannot read the requirement {requirement!r}"
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), re.sub(r"\s+", "", m.group(2))


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    out = dict(map(_normalise, reqs))
    assert len(out) == len(reqs), "a dependency is listed twice in pyproject.toml"
    return out


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    plain = [d for d in env["dependencies"] if isinstance(d, str)]
    out = dict(map(_normalise, plain))
    assert len(out) == len(plain), "a dependency is listed twice in environment.yml"
    return {name: spec for name, spec in out.items() if name not in CONDA_ONLY}


def test_pip_and_conda_declare_the_same_dependencies_and_versions():
    pip, conda = pip_requirements(), conda_requirements()
    assert sorted(set(pip) - set(conda)) == [], "only in pyproject.toml"
    assert sorted(set(conda) - set(pip)) == [], "only in environment.yml"
    assert {k: (pip[k], conda[k]) for k in pip if pip[k] != conda[k]} == {}, "version specs differ"


def test_every_dependency_has_a_lower_bound():
    for name, spec in pip_requirements().items():
        assert spec.startswith(">="), f"{name} needs a minimum version"


def test_issue_3_runtime_and_test_dependencies_are_declared():
    pip = pip_requirements()
    for name in ("jupyterlab", "ipywidgets", "pandas", "plotly", "voila", "pytest", "pytest-cov", "hypothesis", "pyyaml"):
        assert name in pip


def test_project_metadata():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert project["name"] == "freelancekit"
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"]["freelancekit"] == "freelancekit.cli:main"
    assert project["license"] == "MIT"  # SPDX string: tables are deprecated since setuptools 77
    assert "setuptools>=77" in data["build-system"]["requires"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python>=3.11" in env["dependencies"]
    assert {"pip": ["-e ."]} in env["dependencies"]
