"""HTML reports a person reads: self-contained pages (inline CSS and SVG, nothing fetched from the network)."""
