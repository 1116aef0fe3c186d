"""The OpenAPI document declares the errors every operation can answer, with one `Error` schema,
so clients and fuzzers can rely on the document (issue 12, finding 8). An operation that answers a
status with a body of its own (e.g. 409 `school_exists`) keeps its own declaration."""

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "description": "Every error: a stable `code` and a `message` in the request's language; a refusal "
                   "also says who must act and the next step.",
    "properties": {
        "code": {"type": "string", "description": "stable, e.g. `membership_pending`, `rate_limited`"},
        "message": {"type": "string"},
        "who_must_act": {"type": "string"},
        "next_step": {"type": "string"},
        "help_topic": {"type": "string"},
        "retry_after": {"type": "integer", "description": "seconds to wait (429 only)"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "required": ["code", "message"],
}

# What any operation may answer, whatever it does: bad input, refusals, limits.
ERRORS = {
    "400": "The request is malformed or a value is refused",
    "403": "Not allowed for you (the refusal says who may)",
    "404": "Not found, or not visible to you",
    "409": "Refused by a rule in the current state",
    "422": "A parameter or field is not valid",
    "429": "Too many requests: try again after `Retry-After` seconds",
}
AUTHENTICATION = {"401": "Log in or send a valid token"}
UPLOAD = {"413": "The file or the request is too large"}


def declare_errors(schema: dict) -> dict:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            errors = dict(ERRORS)
            if operation.get("security"):
                errors.update(AUTHENTICATION)
            if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
                errors.update(UPLOAD)
            responses = operation.setdefault("responses", {})
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return schema
