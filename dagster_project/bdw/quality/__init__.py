"""Data quality: Great Expectations 1.x suites (JSON under ``expectations/``) run on warehouse marts."""
