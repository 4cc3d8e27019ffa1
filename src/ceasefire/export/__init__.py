"""Export stage: the public formats written from the store."""
