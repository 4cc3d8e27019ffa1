"""The JSON Schema of the export, generated from the pydantic models.

The generated file is kept in the repository (``ceasefire.schema.json`` beside
this module) so consumers can validate without Python; a test fails when the
models and the file disagree. Regenerate with ``python -m ceasefire.export.schema``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ceasefire.models import SCHEMA_ID, Export

SCHEMA_FILE = Path(__file__).with_name("ceasefire.schema.json")


def json_schema() -> dict[str, Any]:
    """The schema as the models define it today."""
    schema = Export.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def render() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


def load() -> dict[str, Any]:
    """The schema file that ships with the package."""
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
