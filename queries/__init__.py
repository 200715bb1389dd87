"""Competency-question SPARQL queries (``*.rq``), shipped as package data."""

from importlib.resources import files

QUERIES_DIR = files(__name__)
