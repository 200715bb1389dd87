"""The conflict-kg OWL ontology and SHACL shapes, shipped as package data."""

from importlib.resources import files

ONTOLOGY_FILE = files(__name__) / "ckg.ttl"
SHAPES_FILE = files(__name__) / "shapes.ttl"
