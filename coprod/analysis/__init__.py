"""Pure text analysis: no Flask, no database."""
