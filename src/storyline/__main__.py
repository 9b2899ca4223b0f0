"""``python -m storyline`` runs the command line."""

from storyline.cli.main import app

app()
