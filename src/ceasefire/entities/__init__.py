"""Entities: names in one document resolved to actors and places, and the world knowledge behind them.

Depends on ``nlp`` only; ``events`` reads its mentions, ``linking`` and ``store`` its registry.
"""
