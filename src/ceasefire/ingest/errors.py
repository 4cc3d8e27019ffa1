"""The one exception the ingest readers raise, so callers can turn it into a ReadFailure."""

from __future__ import annotations

from ceasefire.errors import CeasefireError


class ReadError(CeasefireError):
    """A file or record could not be read; ``reason`` is one line from ``Errors``, ready for stderr."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = " ".join(reason.split())
