"""The domain and its rules. Plain Python: nothing here imports Qt or the store."""
