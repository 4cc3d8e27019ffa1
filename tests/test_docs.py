"""The README documents every command, and every command explains itself."""

from __future__ import annotations

import pytest
import typer.main

from ceasefire.cli.main import app
from tests.conftest import REPO

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_is_in_the_readme(name: str) -> None:
    assert f"ceasefire {name}" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_help_with_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example:" in command.help


def test_docs_readme_leads_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index("make run") < readme.index("make test") < readme.index("## Worked example")
