"""dbq: document-based-question worksheets from primary sources."""

__version__ = "0.1.0"
