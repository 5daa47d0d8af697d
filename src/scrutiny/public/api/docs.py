"""The API's documentation page, read from its own OpenAPI document (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.public.api.v1 import api

PREFIX = "/api/v1"


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    description: str
    tag: str
    parameters: list[Parameter]
    anchor: str


def endpoints() -> list[Endpoint]:
    schema = api.get_openapi_schema(path_prefix=PREFIX)
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = []
        for p in operation.get("parameters", []):
            kind = p.get("schema", {})
            type_name = kind.get("type") or " or ".join(
                a.get("format", a.get("type", "")) for a in kind.get("anyOf", []) if a
            )
            if kind.get("format"):
                type_name = kind["format"]
            parameters.append(
                Parameter(
                    p["name"],
                    p["in"],
                    type_name,
                    p.get("required", False),
                    p.get("description", ""),
                )
            )
        found.append(
            Endpoint(
                path=path,
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                tag=(operation.get("tags") or ["other"])[0],
                parameters=parameters,
                anchor=operation["operationId"]
                .removeprefix("scrutiny_public_api_v1_")
                .replace("_", "-"),
            )
        )
    return found
