"""One reader per scorecard layout; :mod:`..scorecards` picks the layout of each form."""
