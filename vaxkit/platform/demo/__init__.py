"""``vaxkit demo``: several countries side by side with synthetic data, for workshops."""
