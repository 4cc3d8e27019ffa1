"""Store stage: the SQL record behind the CLI, the web app and the Python API."""

from ceasefire.store.store import AddResult, Store, resolve_url

__all__ = ["AddResult", "Store", "resolve_url"]
