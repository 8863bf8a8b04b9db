from .extract import QuantityExtractor, extract_quantities, find_quantities, mci_table, singular, _BLOCKED_PATTERNS  # noqa
