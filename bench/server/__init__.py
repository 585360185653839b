"""The Django side of the benchmark: settings and URLconf that add the baseline view."""
