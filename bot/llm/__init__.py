"""The optional language model: one grounded, private, guarded call per suggestion."""
