"""Records to RDF: namespaces, the on-disk store, publishing, exports, validation."""
