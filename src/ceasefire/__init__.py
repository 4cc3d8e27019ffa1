"""ceasefire: a source-linked record of ceasefires, talks and violence, read from the news.

    >>> import ceasefire
    >>> record = ceasefire.extract(text, published="2022-11-29")
    >>> record.events[0].type, record.events[0].evidence[0].text

``extract`` and ``Store`` are imported lazily so ``import ceasefire`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ceasefire.models import Actor, Ceasefire, Document, Event, Evidence, Export, Place, Quote

if TYPE_CHECKING:
    from ceasefire.pipeline import extract
    from ceasefire.store import Store

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Ceasefire",
    "Document",
    "Event",
    "Evidence",
    "Export",
    "Place",
    "Quote",
    "Store",
    "extract",
]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from ceasefire.pipeline import extract

        return extract
    if name == "Store":
        from ceasefire.store import Store

        return Store
    raise AttributeError(name)
