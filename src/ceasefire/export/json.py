"""``--format json``: exactly the data contract of ``shared/spec/DATA_MODEL.md``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from ceasefire.models import Export


def dumps(export: Export) -> str:
    """The export as the contract's JSON text (two-space indent, field order of the models)."""
    return export.model_dump_json(by_alias=True, indent=2)


@dataclass(frozen=True)
class JsonFormat:
    name: str = "json"
    suffix: str = ".json"
    binary: bool = False
    description: str = "the whole record, exactly shared/spec/DATA_MODEL.md"

    def write(self, export: Export, out: BinaryIO) -> None:
        out.write((dumps(export) + "\n").encode("utf-8"))


FORMAT = JsonFormat()
