"""selftaught: build and measure language models that learn.

A model studies a textbook chapter by chapter, keeps what it learns (notes in
context, LoRA updates to its weights) and is measured -- and rewarded -- for its
progress on hidden quizzes against a control that does not learn.
"""

__version__ = "0.1.0"
