"""Text to records: documents, sentences, citations, entities, dates and events."""
