"""A faster matcher for spaCy's `attribute_ruler`, with the same matches.

The English model's attribute_ruler (POS and morphology from the tagger's fine tags, plus
about 180 exceptions) spends most of its time in spaCy's general `Matcher`: about a tenth of
en_core_web_sm's time, as much as the parser. Its rules only test a token's tag, lower-cased
text, dependency label and whether it is a space, and a few look at the next token. So the
rules that match one token are worked out once per distinct (tag, lower, dep, is_space) and
remembered; the rest are checked only where their first token matches. The ruler then sets
the attributes itself, exactly as before. Rules with anything else (operators, other
attributes) leave the ruler as it is.
"""

from __future__ import annotations

import re
from typing import Callable

# Matcher attribute -> the Token property holding it (as the Matcher compares it).
_TOKEN_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_SIGNATURE = tuple(_TOKEN_ATTRS)

Predicate = Callable[[tuple], bool]


class UnsupportedPattern(ValueError):
    pass


def speed_up_attribute_ruler(nlp) -> bool:
    """Give the pipeline's attribute_ruler the faster matcher; False (nothing changed) when
    there is none or a rule uses something the faster matcher does not handle."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = RuleMatcher(ruler)  # the instance attribute shadows AttributeRuler.match
    except UnsupportedPattern:
        return False
    return True


class RuleMatcher:
    """`AttributeRuler.match(doc)`: sorted (rule, match id, start, end) of every rule match."""

    def __init__(self, ruler):
        self.single: list[tuple[int, int, Predicate]] = []
        self.multi: list[tuple[int, int, list[Predicate]]] = []
        for rule, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings[str(rule)]  # what AttributeRuler.add named the rule
            for pattern in entry["patterns"]:
                predicates = [_token_predicate(spec) for spec in pattern]
                if len(predicates) == 1:
                    self.single.append((rule, match_id, predicates[0]))
                else:
                    self.multi.append((rule, match_id, predicates))
        self._by_signature: dict[tuple, tuple[list, list]] = {}

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        signatures = [tuple(getattr(token, _TOKEN_ATTRS[a]) for a in _SIGNATURE) for token in doc]
        matches = []
        for start, signature in enumerate(signatures):
            singles, starts = self._rules_for(signature)
            matches.extend((rule, match_id, start, start + 1) for rule, match_id in singles)
            for rule, match_id, rest in starts:
                end = start + 1 + len(rest)
                if end <= len(signatures) and all(p(s) for p, s in zip(rest, signatures[start + 1:end])):
                    matches.append((rule, match_id, start, end))
        matches.sort()
        return matches

    def _rules_for(self, signature: tuple) -> tuple[list, list]:
        """(one-token rules matching, longer rules whose first token matches) for a token."""
        known = self._by_signature.get(signature)
        if known is None:
            known = ([(rule, match_id) for rule, match_id, p in self.single if p(signature)],
                     [(rule, match_id, ps[1:]) for rule, match_id, ps in self.multi if ps[0](signature)])
            self._by_signature[signature] = known
        return known


def _token_predicate(spec: dict) -> Predicate:
    tests = []
    for attr, value in spec.items():
        if attr not in _TOKEN_ATTRS:
            raise UnsupportedPattern(attr)
        tests.append((_SIGNATURE.index(attr), _value_test(value)))
    return lambda signature: all(test(signature[i]) for i, test in tests)


def _value_test(value) -> Callable[[object], bool]:
    if not isinstance(value, dict):
        return lambda actual: actual == value
    if len(value) != 1:
        raise UnsupportedPattern(str(value))
    (operator, operand), = value.items()
    if operator == "IN":
        members = set(operand)
        return lambda actual: actual in members
    if operator == "NOT_IN":
        members = set(operand)
        return lambda actual: actual not in members
    if operator == "REGEX":
        return re.compile(operand).search
    raise UnsupportedPattern(operator)
