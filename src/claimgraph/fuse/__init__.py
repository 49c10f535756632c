"""Fusing claims from many reports: one actor graph, corroboration, contradictions, timeline."""
