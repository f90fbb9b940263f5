"""Names vulture cannot see used: a framework reads them by name, or a string does.

Read by vulture only (``[tool.vulture]`` in pyproject.toml lists it with the code), never
imported. Each line says who uses the name; a name that is simply unused does not belong
here: delete it from the code instead.
"""
# ruff: noqa: B018 - every line is an expression that names what a framework uses
from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Python: a module's lazy attributes and dir() (PEP 562), in freelancekit/__init__.py
_.__getattr__
_.__dir__
# argparse reads the parser's formatter_class when it prints help (cli.speak_argparse)
_.formatter_class
# Jupyter Server finds a server extension by this hook's name (cli/notebook_privacy.py)
_._jupyter_server_extension_points
# traitlets configuration that Voila and Jupyter Server read (cli/serve.py, hub/server.py)
_.open_browser
_.theme
_.file_denylist
_.allow_template_override
_.allow_theme_override
_.root_dir
_.default_url
_.terminals_enabled
_.allow_root
# zipfile writes a member's Unix permissions from external_attr (drafts/mailexport.to_zip)
_.external_attr
# numpy: an array flag, set to make the ranking's arrays read-only (ranking/scoring.py)
_.writeable
# ipywidgets: the page sets a widget's view count when it shows it (ui/ranking_view.py observes it)
_._view_count
# the views the app loads by "module:Class" name from ui/wiring.VIEWS (and the first run's steps, FIRST_RUN_STEPS)
_.ClientsStep
_.RecordsStep
_.ImportView
_.RecordsImportView
_.CriteriaView
_.RecordsSourcesView
# called from the notebooks (notebooks/02_what_if_weights.ipynb), which vulture does not read
_.criteria_frame
# pytest: module marks, hooks and fixtures are found by their names
_.pytestmark
_.pytest_terminal_summary
_.pytest_runtest_makereport
_.playwright_instance  # replaces pytest-playwright's fixture of that name (tests/support/browser_fixtures.py)
_.no_portfolio  # used through @pytest.mark.usefixtures("no_portfolio") (tests/test_cli_language.py)
# read by jupyter_client, not by our code: the provisioner's process group (signals, kill) and the kernel manager class
_.pgid
_.kernel_manager_class
