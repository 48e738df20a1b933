"""The optional language model: one grounded, private, guarded call per suggestion."""

import logging

# A library's logger: what it records reaches the handlers the application sets up (`serve`), and nothing is
# printed when there are none (the CLI), where Python would otherwise write the bare line to stderr.
logging.getLogger("composure.llm").addHandler(logging.NullHandler())
