"""Persons and officials: a surname repeated alone after a full name, and a person with a
post (a role phrase from data/roles.yaml before or after the name, or the KB's official of
that name) marked OFFICIAL with `role` and the organisation named in it; every other
mention of an official's name is the official too."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

from ..document import Document, Entity, Token
from ..knowledge import KnowledgeBase, morph_parse, name_skeleton, name_word_forms, word_key
from .languages import reader
from .text import CLAUSE_VERBS, CLOSING_QUOTES, CYRILLIC, NAME_WORD, OPENING_QUOTES, PUNCT_STOPS, SURNAME, \
    covered_offsets, first_token_from

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

GLOSS_TOKENS = 4
# An initial: a capital letter alone before a dot («А.Б.», "A. Saparov")
_INITIAL_LETTER = regex.compile(r"(?<![\p{L}\d])(\p{Lu})\.")
_VERB_AFTER = regex.compile(r" (\p{Ll}+)")
QUOTED_NAME_TOKENS = 8
# How many words of a role phrase may stand between its head and the name ("Deputy Akim of
# East Kazakhstan region Saltanat Mukanova").
ROLE_PHRASE_WORDS = 12
# A person word this close after the role's first word cancels it ("head teacher").
ROLE_HEAD_NEAR_WORDS = 2


def repeated_surnames(doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
    """Surname-only mentions the model missed ("Akhmetov said", "Бейсембаева")."""
    surnames = {}
    for ent in entities:
        if ent.type == "PERSON":
            for word in ent.text.split():
                if SURNAME.search(word) and len(word) > 3:
                    surnames[name_skeleton(word_key(word))] = ent
                    surnames[name_skeleton(word)] = ent
    if not surnames:
        return []
    covered = covered_offsets(entities)
    found = []
    for k, tok in enumerate(tokens):
        if not NAME_WORD.match(tok.text) or tok.start in covered:
            continue
        person = surnames.get(name_skeleton(tok.text)) or surnames.get(name_skeleton(word_key(tok.text)))
        if person is None:
            continue
        start = tok.start
        # '," Saltanat Mukanova noted.': the first name the model left out comes along
        before = tokens[k - 1] if k else None
        if before is not None and before.start not in covered and doc.text[before.end:tok.start] == " " and \
                name_skeleton(before.text) in {name_skeleton(w) for w in person.text.split()[:-1]}:
            start = before.start
        found.append(Entity("PERSON", doc.text[start:tok.end], start, tok.end, source="rule"))
    return found


def mark_officials(rec: EntityRecognizer, doc: Document, entities: list[Entity], tokens: list[Token]) -> None:
    officials = _officials(rec, doc, entities, tokens)
    _mark_other_mentions(entities, officials)


def _officials(rec: EntityRecognizer, doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
    """The persons with a role phrase around them or known to the KB, marked OFFICIAL."""
    roles = rec.roles.get(doc.lang, {"head": set(), "not_official": set()})
    by_start = {t.start: k for k, t in enumerate(tokens)}
    orgs = sorted((e for e in entities if e.type == "ORG"), key=lambda e: e.start)
    org_starts = [o.start for o in orgs]
    officials: list[Entity] = []
    full_names = _full_names_by_word(entities)
    for ent in entities:
        if ent.type != "PERSON":
            continue
        role = _role_before(doc, tokens, by_start.get(ent.start), roles) or \
            _role_after(doc, tokens, ent.end, roles)
        known = rec.kb.lookup_person(ent.text)
        if known is not None and (_namesake_in_text(ent, full_names, known, rec.kb) or
                                  not _initials_agree(ent.text, known) or _other_gender(doc, ent, known)):
            known = None
        if role or known:
            ent.type = "OFFICIAL"
            if role is None and known is not None:
                role = reader(doc.lang).official_role(known)
            ent.role = role
            ent.org = _org_within(orgs, org_starts, ent, doc, role)
            officials.append(ent)
    return officials


def _mark_other_mentions(entities: list[Entity], officials: list[Entity]) -> None:
    """Every other mention of an official's name (surname only, inflected) is the official."""
    official_words = [{name_skeleton(word_key(w)) for w in ent.text.split()} |
                      {name_skeleton(w) for w in ent.text.split()} for ent in officials]
    # Officials by the skeletons of their name words: a mention is checked against those
    # its first word may name, not against every official (quadratic on long texts).
    officials_by_word: dict[str, list[int]] = {}
    for k, names in enumerate(official_words):
        for name in names:
            officials_by_word.setdefault(name, []).append(k)
    for ent in entities:
        # the tagger sometimes calls a named official's later mention an organisation
        # ('"…," Talgat Zhunisbekov said.')
        if ent.type != "PERSON" and not (ent.type == "ORG" and ent.source == "model"):
            continue
        words = ent.text.split()
        if ent.type == "ORG" and not 2 <= len(words) <= 3:
            continue
        candidates = sorted({k for form in name_word_forms(words[0]) for k in officials_by_word.get(form, ())})
        for k in candidates:
            if all(name_word_forms(w) & official_words[k] for w in words):
                official = officials[k]
                ent.type, ent.role, ent.org = "OFFICIAL", official.role, official.org
                break


def _full_names_by_word(entities: list[Entity]) -> dict[str, list[Entity]]:
    """Entities of more than one word, by the skeleton of each of their words."""
    found: dict[str, list[Entity]] = {}
    for ent in entities:
        if " " in ent.text.strip():
            for word in ent.text.split():
                found.setdefault(name_skeleton(word_key(word)), []).append(ent)
    return found


def _namesake_in_text(ent: Entity, full_names: dict[str, list[Entity]], known, kb: KnowledgeBase) -> bool:
    """A surname alone that the KB knows as an official's, while the article names someone
    else of that surname in full ("teacher Yerzhan Saparov … Saparov said"): the namesake,
    not the official. `full_names`: `_full_names_by_word` of the article's entities."""
    if " " in ent.text.strip():
        return False
    surname = name_skeleton(word_key(ent.text))
    return any(other is not ent and other.type == "PERSON" and kb.lookup_person(other.text) is not known
               for other in full_names.get(surname, ()))


def _initials_agree(text: str, known) -> bool:
    """Whether the initials of a mention («Б. Ермеков», «Сапарова А.Б.») are first letters of
    the words of one of the KB official's names in their script: «Б. Ермеков» is not Kanat
    Ermekov. A mention with no initials agrees."""
    initials = set(_INITIAL_LETTER.findall(text))
    if not initials:
        return True
    cyrillic = CYRILLIC.search("".join(initials)) is not None
    names = [n for n in known.names if (CYRILLIC.search(n) is not None) == cyrillic]
    return not names or any(initials <= {w[:1].upper() for w in n.split()} for n in names)


def _other_gender(doc: Document, ent: Entity, known) -> bool:
    """A Russian surname alone in its feminine form where the KB official's is masculine
    («Сапаровой», «Сапарова победила» against Айдарбек Сапаров), or the other way round."""
    names = [w for w in _INITIAL_LETTER.sub(" ", ent.text).split() if len(w) > 1]
    if len(names) != 1 or not known.ru or not CYRILLIC.search(ent.text):
        return False  # a first name in the mention was matched already
    official = known.ru.split()[-1].lower()
    mention = names[0].lower()
    male = official.endswith(("ов", "ев", "ёв", "ин"))
    female = official.endswith(("ова", "ева", "ёва", "ина"))
    if not (male or female):
        return False
    if mention.endswith(("ой", "ую")):
        return male  # a feminine case form only
    if mention.endswith(("ым", "ом")):
        return female
    if mention.endswith(("ова", "ева", "ёва", "ина", "ов", "ев", "ёв", "ин")):
        # nominative, or a masculine genitive («у Сапарова»): a speaker's colon (nominative)
        # or the past tense after it tells
        if doc.text[ent.end:ent.end + 1] == ":":
            return mention.endswith(("а", "я")) == male
        verb = _VERB_AFTER.match(doc.text, ent.end)
        if verb is not None:
            genders = {g for p in morph_parse(verb.group(1)) if "VERB" in p.tag for g in ("masc", "femn") if g in p.tag}
            if len(genders) == 1:
                return ("femn" in genders) == male
    return False


def find_role(keys: list[str], heads: set) -> int | None:
    """Index of the first word of the left-most role head in `keys`, if any."""
    for i in range(len(keys)):
        for head in heads:
            if tuple(keys[i:i + len(head)]) == head:
                return i
    return None


def _role_before(doc, tokens, index, roles) -> str | None:
    """A role phrase in the same clause right before the name ("Vice Minister X")."""
    if index is None:
        return None
    window: list[Token] = []
    k = index - 1
    while k >= 0 and len(window) < 14:
        tok = tokens[k]
        if "\n" in doc.text[tok.end:(window[0] if window else tokens[index]).start]:
            break  # a role phrase does not run over a line (the headline before it)
        opening = _quoted_name_start(tokens, k) if tok.text in CLOSING_QUOTES else None
        if opening is None and tok.text == ")":
            opening = _gloss_start(tokens, k)  # "The Akim (Mayor) of Shymkent, …": a gloss inside the role
        if opening is not None:
            # «председатель правления АО «Центр международных программ» Айгерим Сагадиева»:
            # a quoted name inside the role phrase
            window[:0] = tokens[opening:k + 1]
            k = opening - 1
            continue
        if tok.text in PUNCT_STOPS or tok.pos in CLAUSE_VERBS or tok.text in (",", "—", "–") and window:
            break
        window.insert(0, tok)
        k -= 1
    keys = [word_key(t.text) for t in window]
    at = find_role(keys, roles["head"])
    if at is None or _cancelled(keys, at, roles):
        return None
    if at > 0 and (keys[at - 1],) in roles.get("not_official_before", ()):
        return None  # "Its director Gulmira Aitkulova": an institution's post, no office
    span = window[at:]
    while span and span[-1].text in (",", "—", "–"):
        span = span[:-1]
    return doc.text[span[0].start:span[-1].end] if span else None


def _gloss_start(tokens, close: int) -> int | None:
    """Index of the "(" opening a short bracketed gloss of words that `tokens[close]` closes."""
    for k in range(close - 1, max(-1, close - GLOSS_TOKENS - 2), -1):
        if tokens[k].text == "(":
            return k if k < close - 1 else None
        if not tokens[k].text[:1].isalpha():
            return None
    return None


def _quoted_name_start(tokens, close: int) -> int | None:
    """Index of the quote opening the short quoted name that `tokens[close]` closes."""
    for k in range(close - 1, max(-1, close - QUOTED_NAME_TOKENS - 2), -1):
        if tokens[k].text in OPENING_QUOTES:
            return k if k < close - 1 else None
        if tokens[k].text in PUNCT_STOPS:
            return None
    return None


def _cancelled(keys: list[str], at: int, roles) -> bool:
    """A role phrase that names no office: an institution word anywhere in it ("director of
    school No. 5"), or a person word right at its head ("head teacher"); a person word deeper
    in it belongs to a body's name ("Director of the Department of Teacher Education")."""
    def found(words, lo, hi):
        return any(tuple(keys[i:i + len(w)]) == w for w in words for i in range(lo, hi))
    near = at + ROLE_HEAD_NEAR_WORDS + 1
    return found(roles["not_official"], 0, len(keys)) or found(roles.get("not_official_near", ()), 0, min(near, len(keys)))


def _role_after(doc, tokens, end, roles) -> str | None:
    """An apposition right after the name ("X, Vice Minister of Education of ...")."""
    at = first_token_from(tokens, end)
    following = tokens[at:at + 30]
    if not following or following[0].text not in (",", "—", "–", "("):
        return None
    phrase: list[Token] = []
    for tok in following[1:]:
        if tok.text in PUNCT_STOPS or tok.text == "," and phrase and phrase[-1].pos == "NOUN" and len(phrase) > 6:
            break
        if tok.pos in CLAUSE_VERBS:
            break
        phrase.append(tok)
    keys = [word_key(t.text) for t in phrase]
    at = find_role(keys[:4], roles["head"])
    if at is None or _cancelled(keys, at, roles):
        return None
    span = phrase[at:]
    while span and span[-1].text in (",", "—", "–", "of", "the"):
        span = span[:-1]
    return doc.text[span[0].start:span[-1].end] if span else None


def _org_within(orgs: list[Entity], org_starts: list[int], person: Entity, doc: Document,
                role: str | None) -> str | None:
    """The organisation named inside the person's role phrase, if any (orgs sorted by start)."""
    if not role:
        return None
    where = doc.text.find(role, max(0, person.start - 300))
    if where < 0:
        return None
    first = bisect.bisect_left(org_starts, where)
    for org in orgs[first:]:
        if org.start >= where + len(role):
            break
        if org.end <= where + len(role):
            return org.text
    return None
