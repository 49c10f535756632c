"""Every command has help text, the README's command tour names every command, and the installed
command runs as a user runs it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from claimgraph.cli import app
from claimgraph.store import open_store

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.split()) >= 4
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert getattr(param, "help", None), f"{name} --{param.name} has no help"


def test_readme_names_every_command() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"claimgraph {name}" in readme, name


def test_the_installed_command_starts_and_its_exit_code_reaches_the_shell(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("claimgraph")  # the console entry that pip installed
    open_store(tmp_path / "s.db").close()  # an empty store: the type is what is wrong
    done = subprocess.run([str(command), "relations", "--type", "HUG", "--db", str(tmp_path / "s.db")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "unknown type 'HUG'" in done.stderr
