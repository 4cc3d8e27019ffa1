"""The dashboard and REST API (``ceasefire serve``): FastAPI, Jinja2 pages and a vendored chart library."""
