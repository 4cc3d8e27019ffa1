"""One catalogue of user-facing messages, so wording stays consistent and greppable."""

from __future__ import annotations


class Errors:
    E001 = "not a file or folder"
    E002 = "binary data, not text"
    E003 = "empty: no text after reading"
    E004 = "could not determine the text encoding"
    E005 = "malformed JSON: {detail}"
    E006 = "CSV has no text column (looked for: {columns})"
    E007 = "malformed CSV: {detail}"
    E008 = "HTML has no main text"
    E009 = "record {n}: {detail}"
    E010 = "unsupported file type '{suffix}'"
    E011 = "cannot read: {detail}"
    E012 = "too large: {size} bytes (limit {limit})"
    E013 = "invalid date '{value}': use ISO form such as 2021-11-21, 2024-02 or 2014"
    E014 = "corrupt or truncated gzip data: {detail}"
    E015 = "too large once decompressed: more than {limit} bytes"
    E016 = "no text: none of the fields {fields} holds any"
    E017 = "not a document: expected a JSON object with text, got {kind}"
    E018 = "actor file {file}: {detail}"
    E019 = "cannot open database {url}: {detail}"
    E020 = "cannot use the Dask cluster at {address}: {detail}"
    E021 = "too long for one document: {size} characters (limit {limit}); split it into articles"


class CeasefireError(Exception):
    """An error the CLI turns into a one-line message rather than a traceback."""
