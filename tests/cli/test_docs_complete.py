"""Every command and every option of the CLI is documented in the README."""

from __future__ import annotations

import click
import typer

from storyline.cli.main import app
from tests.conftest import REPO


def _commands(group: click.Group, prefix: str):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path, command


def test_every_command_and_option_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    missing = []
    for path, command in _commands(root, "storyline"):
        if f"`{path}" not in readme and path not in readme:
            missing.append(path)
        for param in command.params:
            for opt in (*param.opts, *param.secondary_opts):
                if opt.startswith("--") and opt != "--help" and opt not in readme:
                    missing.append(f"{path} {opt}")
    assert not missing, missing
