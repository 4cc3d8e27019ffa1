"""Linking: pure cross-document functions (one event told by many reports, ceasefire episodes, duplicates).

Depends on ``entities`` and ``models``; ``store`` runs them against what it holds.
"""
