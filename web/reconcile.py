"""``/reconcile``: the W3C Entity Reconciliation API (versions 0.1 and 0.2), as OpenRefine speaks it.

- ``GET /reconcile``: the service manifest.
- ``GET|POST /reconcile`` with ``queries=`` (a JSON batch; form-encoded, as OpenRefine sends
  it, or in the query string): candidates with scores, ``match`` and features.
- ``GET|POST /reconcile`` with ``extend=``: data extension (signatories, dates, places, …).
- ``/reconcile/propose_properties?type=``: properties worth fetching for a type.
- ``/reconcile/suggest/{entity,type,property}?prefix=``: auto-completion.
- ``/reconcile/preview?id=``: a small HTML card of an entity.

Every JSON answer is JSONP when ``callback=`` names a function. Identifiers are resource
slugs (``barack-obama``), types and properties the ontology's local names
(``Agreement``, ``signatory``). Matching (``graph/reconciliation.py``) runs in the query
executor, on an index built once per store version.
"""

from __future__ import annotations

import html
import json
import re

import pyoxigraph as ox
from flask import Blueprint, Response, request

from graph.namespaces import CKG, RES, WD
from graph.reconciliation import (
    DEFAULT_TYPES,
    PROPERTIES,
    PROPOSED_PROPERTIES,
    RECONCILABLE_TYPES,
    Constraint,
    EntityIndex,
    slug,
    type_id,
    type_label,
)
from web.engine import Engine
from web.errors import bad_request, not_found
from web.state import public_base, server_state

blueprint = Blueprint("reconcile", __name__)

VERSIONS = ["0.1", "0.2"]
DEFAULT_LIMIT = 5
MAX_LIMIT = 100
SUGGEST_LIMIT = 10
PREVIEW_SIZE = (400, 160)
CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")
# Entity-valued properties: the type their values have, for the extension's metadata.
VALUE_TYPES = {
    "signatory": "Person", "mediator": "Country", "party": "Country", "location": "Place",
    "partOfConflict": "Conflict", "territory": "Place", "fromParty": "Country", "toParty": "Country",
    "capturedBy": "Country", "holdsPosition": "Position", "jurisdiction": "Country",
}

# One index per executor process, rebuilt when the store's version changes.
_indexes: dict[tuple[str, tuple[str, int]], EntityIndex] = {}


def entity_index(engine: Engine, version: tuple[str, int]) -> EntityIndex:
    """The executor's index of the store at ``version``."""
    key = (str(engine.store_dir), version)
    if key not in _indexes:
        _indexes.clear()
        _indexes[key] = EntityIndex(engine.reader(version))
    return _indexes[key]


def _type_list(names: list[str] | set[str]) -> list[dict[str, str]]:
    return [{"id": name, "name": type_label(name)} for name in sorted(names)]


def _types_of(query: dict) -> tuple[str, ...]:
    wanted = query.get("type") or []
    return tuple(type_id(name) for name in ([wanted] if isinstance(wanted, str) else wanted) if isinstance(name, str))


def _constraints(query: dict) -> tuple[Constraint, ...]:
    constraints = []
    items = query.get("properties") or []
    if not isinstance(items, list):
        raise bad_request("'properties' must be a list of {pid, v} objects", "bad-reconciliation-query")
    for item in items:
        if not isinstance(item, dict) or "pid" not in item:
            raise bad_request("each property constraint needs 'pid' and 'v'", "bad-reconciliation-query")
        values = item.get("v")
        values = values if isinstance(values, list) else [values]
        wanted = tuple(str(value.get("id") if isinstance(value, dict) else value) for value in values if value != "")
        constraints.append(Constraint(type_id(str(item["pid"])), wanted))
    return tuple(constraints)


def reconcile_job(engine: Engine, version: tuple[str, int], batch: dict) -> dict:
    """Candidates for every query of a batch (runs in the query executor)."""
    index = entity_index(engine, version)
    results = {}
    for key, query in batch.items():
        limit = query.get("limit", DEFAULT_LIMIT)
        limit = min(int(limit), MAX_LIMIT) if isinstance(limit, int | float) and limit > 0 else DEFAULT_LIMIT
        candidates = index.reconcile(
            str(query.get("query") or ""), _types_of(query), str(query.get("type_strict") or "any"),
            _constraints(query), limit,
        )
        results[key] = {"result": [
            {
                "id": slug(candidate.entity.iri),
                "name": candidate.name,
                "description": index.describe(candidate.entity),
                "score": candidate.score,
                "match": candidate.match,
                "type": _type_list(candidate.entity.types),
                "features": [{"id": name, "value": value} for name, value in candidate.features],
            }
            for candidate in candidates
        ]}
    return results


def _value_json(index: EntityIndex, value: ox.Term) -> dict:
    """A property value in the extension's shape: entity, date, number or string."""
    if isinstance(value, ox.NamedNode):
        if value.value.startswith(str(WD)):
            return {"str": value.value.removeprefix(str(WD))}
        target = index.entities.get(value.value)
        if target is not None or value.value.startswith(str(RES)):
            return {"id": slug(value.value), "name": target.name()[0] if target else slug(value.value)}
        return {"str": value.value.removeprefix(str(CKG))}
    kind = value.datatype.value.rsplit("#", 1)[-1]
    if kind == "date":
        return {"date": f"{value.value[:10]}T00:00:00{value.value[10:] or 'Z'}"}
    if kind == "dateTime":
        return {"date": value.value if re.search(r"(Z|[+-]\d\d:\d\d)$", value.value) else value.value + "Z"}
    if kind in ("decimal", "double", "float"):
        return {"float": float(value.value)}
    if kind in ("integer", "int", "long", "nonNegativeInteger"):
        return {"int": int(value.value)}
    return {"str": value.value}


def extend_job(engine: Engine, version: tuple[str, int], ids: list[str], properties: list[dict]) -> dict:
    """Property values of the given entities (data extension; runs in the query executor)."""
    index = entity_index(engine, version)
    meta = []
    for prop in properties:
        property_id = type_id(prop["id"])
        entry = {"id": prop["id"], "name": type_label(property_id)}
        if property_id in VALUE_TYPES:
            entry["type"] = {"id": VALUE_TYPES[property_id], "name": type_label(VALUE_TYPES[property_id])}
        meta.append(entry)
    rows = {}
    for ident in ids:
        entity = index.entity(ident)
        row = {}
        for prop in properties:
            settings = prop.get("settings")
            limit = settings.get("limit") if isinstance(settings, dict) else None
            limit = int(limit) if isinstance(limit, int | float) and limit > 0 else 0
            property_id = type_id(prop["id"])  # a local name, or the property's full IRI
            values = index.values(entity, property_id) if entity is not None and property_id in PROPERTIES else []
            values = [_value_json(index, value) for value in values]
            row[prop["id"]] = values[:limit] if limit else values
        rows[ident] = row
    return {"meta": meta, "rows": rows}


def suggest_entities_job(engine: Engine, version: tuple[str, int], prefix: str, types: tuple[str, ...],
                         cursor: int) -> dict:
    """Entities for auto-completion (runs in the query executor)."""
    index = entity_index(engine, version)
    found = index.suggest(prefix, types, cursor + SUGGEST_LIMIT)[cursor:]
    return {"result": [
        {"id": slug(entity.iri), "name": text, "description": index.describe(entity),
         "notable": _type_list(entity.types)}
        for entity, text in found
    ]}


def preview_job(engine: Engine, version: tuple[str, int], ident: str, base: str) -> str | None:
    """A small HTML card of an entity, None when there is no such entity (runs in the query executor)."""
    index = entity_index(engine, version)
    entity = index.entity(ident)
    if entity is None:
        return None
    name, language = entity.name()
    facts = []
    for type_name in sorted(entity.types):
        for prop in PROPOSED_PROPERTIES.get(type_name, ()):
            values = [_value_json(index, value) for value in index.values(entity, prop)]
            shown = ", ".join(str(value.get("name") or next(iter(value.values()))) for value in values)
            if shown and (prop, shown) not in facts:
                facts.append((prop, shown))
    rows = "".join(f"<tr><th>{html.escape(type_label(prop))}</th><td>{html.escape(shown)}</td></tr>"
                   for prop, shown in facts)
    others = "".join(f"<li lang=\"{html.escape(lang)}\">{html.escape(text)}</li>"
                     for lang, text in entity.labels if (lang, text) != (language, name))
    return (
        "<!doctype html><html><head><meta charset=utf-8><title>" + html.escape(name) + "</title>"
        "<style>body{font:13px/1.4 sans-serif;margin:6px}h1{font-size:15px;margin:0}table{border-collapse:collapse}"
        "th{text-align:left;padding-right:8px;color:#555;font-weight:normal}ul{margin:2px 0;padding-left:16px}"
        "</style></head><body>"
        f'<h1><a href="{html.escape(base)}/resource/{html.escape(slug(entity.iri))}" target="_blank"'
        f' lang="{html.escape(language)}">{html.escape(name)}</a></h1>'
        f"<p>{html.escape(index.describe(entity))}</p><table>{rows}</table>"
        + (f"<ul>{others}</ul>" if others else "") + "</body></html>"
    )


def manifest(base: str) -> dict:
    """The service manifest: identifier and schema spaces, views, suggest, preview and extension services."""
    return {
        "versions": VERSIONS,
        "name": "conflict-kg",
        "identifierSpace": str(RES),
        "schemaSpace": str(CKG),
        "documentation": f"{base}/",
        "view": {"url": f"{base}/resource/{{{{id}}}}"},
        "defaultTypes": _type_list(set(DEFAULT_TYPES)),
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": PREVIEW_SIZE[0],
                    "height": PREVIEW_SIZE[1]},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/propose_properties"},
            "property_settings": [{
                "name": "limit", "label": "Limit", "type": "number", "default": 0,
                "help_text": "Maximum number of values per row (0: all)",
            }],
        },
    }


def _answer(body: object) -> Response:
    """JSON, or JSONP when the request names a ``callback``."""
    text = json.dumps(body, ensure_ascii=False)
    callback = request.values.get("callback")
    if callback:
        if not CALLBACK.match(callback):
            raise bad_request("callback must be a JavaScript function name", "bad-callback")
        return Response(f"/**/{callback}({text});", mimetype="application/javascript")
    return Response(text, mimetype="application/json")


def _json_parameter(name: str) -> object:
    try:
        return json.loads(request.values[name])
    except ValueError as error:
        raise bad_request(f"{name!r} is not JSON: {error}", f"bad-{name}") from None


def _run(job: object, *args: object) -> object:
    state = server_state()
    return state.executor.run(job, *args, timeout=state.config.timeout)


@blueprint.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    """The manifest, a batch of queries (``queries=``) or a data extension (``extend=``)."""
    if "queries" in request.values:
        batch = _json_parameter("queries")
        if not isinstance(batch, dict) or not all(isinstance(query, dict) for query in batch.values()):
            raise bad_request("queries must be an object of query objects", "bad-queries")
        for key, query in batch.items():
            if not str(query.get("query") or "").strip() and not query.get("properties"):
                raise bad_request(f"query {key!r} has neither 'query' nor 'properties'", "bad-queries")
        return _answer(_run(reconcile_job, batch))
    if "extend" in request.values:
        extension = _json_parameter("extend")
        ids, properties = (extension.get("ids"), extension.get("properties")) if isinstance(extension, dict) else (
            None, None)
        if not isinstance(ids, list) or not isinstance(properties, list) or not all(
                isinstance(prop, dict) and isinstance(prop.get("id"), str) for prop in properties):
            raise bad_request("extend needs 'ids' (a list) and 'properties' (objects with an 'id')", "bad-extend")
        return _answer(_run(extend_job, [str(ident) for ident in ids], properties))
    return _answer(manifest(public_base()))


@blueprint.get("/reconcile/propose_properties")
def propose_properties() -> Response:
    """Properties worth fetching for entities of ``type``."""
    wanted = type_id(request.args.get("type", ""))
    limit = request.args.get("limit", "")
    names = list(PROPOSED_PROPERTIES.get(wanted, ()))
    if limit.isdigit() and int(limit) > 0:
        names = names[:int(limit)]
    body: dict = {"type": wanted, "properties": [{"id": name, "name": type_label(name)} for name in names]}
    if limit.isdigit():
        body["limit"] = int(limit)
    return _answer(body)


def _cursor() -> int:
    cursor = request.args.get("cursor", "0")
    return int(cursor) if cursor.isdigit() else 0


@blueprint.get("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    """Entities whose names start with (or contain) ``prefix``."""
    types = tuple(type_id(name) for name in request.args.getlist("type") if name)
    return _answer(_run(suggest_entities_job, request.args.get("prefix", ""), types, _cursor()))


def _suggest_names(names: list[str]) -> Response:
    prefix = request.args.get("prefix", "").casefold()
    found = [name for name in names if prefix in name.casefold() or prefix in type_label(name)]
    found.sort(key=lambda name: (not (name.casefold().startswith(prefix) or type_label(name).startswith(prefix)),
                                 name))
    cursor = _cursor()
    return _answer({"result": [{"id": name, "name": type_label(name)}
                               for name in found[cursor:cursor + SUGGEST_LIMIT]]})


@blueprint.get("/reconcile/suggest/type")
def suggest_type() -> Response:
    """Types whose names contain ``prefix``."""
    return _suggest_names(list(RECONCILABLE_TYPES))


@blueprint.get("/reconcile/suggest/property")
def suggest_property() -> Response:
    """Properties whose names contain ``prefix``."""
    return _suggest_names(list(PROPERTIES))


@blueprint.get("/reconcile/preview")
def preview() -> Response:
    """A small HTML card of the entity ``id``, for OpenRefine's preview pop-up."""
    ident = request.args.get("id", "")
    card = _run(preview_job, ident, public_base())
    if card is None:
        raise not_found(f"no entity {ident!r} in the store")
    return Response(card, mimetype="text/html")
