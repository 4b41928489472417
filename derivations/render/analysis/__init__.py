"""The gradient-health analysis written out: the report, a comparison, JSON, notes and plots."""
