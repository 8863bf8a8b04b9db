"""Precision filters: spans that look like names but ANNOTATION.md excludes.

- web addresses ("tengrinews.kz") and web platforms named as where something is posted
  ("videos on YouTube"): web sites, not entities;
- streets and avenues named after people or places («улица Абая», "Abai Avenue"): an
  address, never the person or the region of that name;
- a country in a currency's name («долларов США», "US dollars");
- anything but a place inside a quoted honorary title, badge or law title ('the title "Kazakstannyn Enbek
  Yeri"', 'the Law "On the Status of Teachers"');
- events and contests the model typed ORG ("August Republican Conference of Educators"),
  with no organisation head noun before the event word;
- an ORG that starts with people («Ученики школ»), a one-word ORG right after a number ("12 Kindergartens") or that is a bare head noun
  ("House"), a kind of body taken for a person ("Kindergartens, schools and …"), plural generic bodies
  ("Police Departments") and, in Russian, a lone common noun that
  is capitalised only because it starts a sentence («Школы Шымкента …»).

Word lists are per language in data/entity_words.yaml.
"""

from __future__ import annotations

from functools import cached_property

import regex

from ..document import Document, Entity
from ..knowledge import morph_analyzer, morph_parse, word_key

WEB_ADDRESS = regex.compile(r"(?:^|[\s(])(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:kz|ru|com|org|net|gov|edu|info|"
                            r"io|me|tv|uz|kg|ua|by|news|қаз|рф)\b", regex.IGNORECASE)
_WEB_ADDRESS_TAIL = regex.compile(r"(?:\.[\p{L}\d-]+)*\.(?:kz|ru|com|org|net|gov|edu|info|io|me|tv|uz|kg|ua|by|news|"
                                  r"қаз|рф)\b", regex.IGNORECASE)
_WORDS = regex.compile(r"[\p{L}][\p{L}'’.-]*")
# a count right before the name; a year ("In 2024 Kazinform reported") is none
_AFTER_A_NUMBER = regex.compile(r"(?<![\p{L}№#\d.,])(?!(?:19|20)\d\d[^\d.,])\d[\d.,]*[^\S\n]+$")
_PREVIOUS_WORD = regex.compile(r"([\p{L}][\p{L}.-]*)[^\S\n]*$")
_NEXT_WORD = regex.compile(r"^[^\S\n]*([\p{L}][\p{L}.-]*)")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+")
_CYRILLIC_WORD_HYPHENATED = regex.compile(r"\p{Cyrillic}[\p{Cyrillic}-]*")


def _union(data: dict, name: str) -> set[str]:
    return {word_key(w) for ws in (data.get(name) or {}).values() for w in ws}


class EntityFilter:
    def __init__(self, data: dict, event_heads: set[str], org_heads: set[str]):
        self.web_sites = _union(data, "web_platforms")
        self.site_prepositions = _union(data, "web_platform_prepositions")
        self.street_before = _union(data, "street_words_before_name")
        self.street_after = _union(data, "street_words_after_name")
        self.currency_words = _union(data, "currency_words")
        self.title_words = {w for ws in (data.get("title_words_before_quote") or {}).values() for w in ws}
        self.event_heads = event_heads
        self.org_heads = org_heads

    def keep(self, doc: Document, ent: Entity) -> bool:
        text = ent.text
        if not any(ch.isalpha() for ch in text):
            return False  # "— №3": debris
        if WEB_ADDRESS.search(text) or self._is_site_named_as_place(doc, ent) or \
                _WEB_ADDRESS_TAIL.match(doc.text, ent.end):
            return False  # "tengrinews.kz"; «Gzt».Ru: the tagger cut a web address at its dot
        if ent.type in ("PLACE", "PERSON", "OFFICIAL", "ORG") and self._in_address(doc, ent):
            return False
        if ent.type == "PLACE" and self._in_currency(doc, ent):
            return False
        if ent.type == "PERSON" and " " not in text and word_key(text) in self.org_heads:
            return False  # "Kindergartens, schools and …": a kind of body at a sentence start
        if ent.type == "ORG" and ent.source not in ("gazetteer", "trigger"):
            if " " not in text and _AFTER_A_NUMBER.search(doc.text, max(0, ent.start - 20), ent.start):
                return False  # "opened 12 Kindergartens": a capitalised word after a number is a count
            if " " not in text and not text.isupper() and word_key(text) in self.org_heads:
                return False  # "a modern House of …": a lone head noun names no organisation
            if _starts_with_people(text):
                return False  # «Ученики школ»: pupils are no organisation
            return not (self._is_event(text) or self._is_plural_generic(text) or
                        self._starts_sentence(doc, ent) and self._is_lone_common_noun(text))
        return True

    def __call__(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        titles = self._quoted_titles(doc)
        # a place inside a title stays (ANNOTATION.md: "Hero of Labor of Kazakhstan" → Kazakhstan)
        return [e for e in entities if self.keep(doc, e) and
                (e.type == "PLACE" or not any(s <= e.start and e.end <= t for s, t in titles))]

    @cached_property
    def _title_before_quote(self) -> regex.Pattern | None:
        words = sorted(self.title_words, key=len, reverse=True)
        if not words:
            return None
        alternatives = "|".join(regex.escape(w) for w in words)
        # 'Law "On the Status of Teachers"', «Закона РК «Об образовании»»: an abbreviation may stand between
        return regex.compile(rf"(?i)\b(?:{alternatives})[\p{{L}}]*(?:[^\S\n]+\p{{Lu}}{{2,4}})?[^\S\n]+[«\"“„]"
                             rf"([^«»\"“”„\n]{{1,80}})[»\"”“]")

    def _quoted_titles(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of quoted honorary titles, badges and law titles ('the title "Kazakstannyn Enbek
        Yeri"', «знак «Алтын белгі»»): nothing but a place inside one is an entity."""
        pattern = self._title_before_quote
        return [m.span(1) for m in pattern.finditer(doc.text)] if pattern is not None else []

    def _word_before(self, doc: Document, ent: Entity, singular: bool = False) -> str | None:
        """The key of the word right before the entity; with `singular`, None when that word
        may be a plural («на улицы Лондона» is "onto the streets of London", no address)."""
        m = _PREVIOUS_WORD.search(doc.text, max(0, ent.start - 30), ent.start)
        if m is None:
            return None
        word = m.group(1).rstrip(".")
        if singular and _CYRILLIC.search(word) and len(word) > 3 and \
                any("plur" in p.tag for p in morph_parse(word.lower())):
            return None
        return word_key(word)

    def _word_after(self, doc: Document, ent: Entity) -> str | None:
        m = _NEXT_WORD.match(doc.text[ent.end:ent.end + 30])
        return word_key(m.group(1).rstrip(".")) if m else None

    def _is_site_named_as_place(self, doc: Document, ent: Entity) -> bool:
        """A web platform where something is posted ("videos on YouTube", «в Instagram»): a
        web site; the company of that name («компания Facebook») stays an ORG."""
        return " " not in ent.text and word_key(ent.text) in self.web_sites and \
            self._word_before(doc, ent) in self.site_prepositions

    def _in_address(self, doc: Document, ent: Entity) -> bool:
        before, after = self._word_before(doc, ent, singular=True), self._word_after(doc, ent)
        return before in self.street_before or after in self.street_after

    def _in_currency(self, doc: Document, ent: Entity) -> bool:
        return self._word_before(doc, ent) in self.currency_words or self._word_after(doc, ent) in self.currency_words

    def _is_event(self, text: str) -> bool:
        keys = [word_key(w) for w in _WORDS.findall(text)]
        for i, key in enumerate(keys):
            if key in self.event_heads:
                return not any(k in self.org_heads for k in keys[:i])
        return False

    def _is_plural_generic(self, text: str) -> bool:
        """"Police Departments", «Управления образования» in the plural: kinds of body."""
        words = text.split()
        if len(words) > 2 or word_key(words[-1]) not in self.org_heads:
            return False
        last = words[-1]
        if _CYRILLIC.search(last):
            return False  # Russian genitive singular and nominative plural coincide; not decidable here
        return last.lower().endswith("s") and not last.isupper()

    @staticmethod
    def _starts_sentence(doc: Document, ent: Entity) -> bool:
        """Capitalised only because a sentence or a line starts with it: «Школы Шымкента …»;
        mid-sentence «Дума», «Маяк» are names."""
        before = doc.text[max(0, ent.start - 3):ent.start].rstrip(" \t«\"“")
        return not before or before[-1] in ".!?\n:—–"

    @cached_property
    def _morph(self):
        return morph_analyzer()

    def _is_lone_common_noun(self, text: str) -> bool:
        """One Russian word pymorphy3 knows as a common noun only («Школы», «Центр»)."""
        if " " in text or not _CYRILLIC_WORD_HYPHENATED.fullmatch(text) or text.isupper():
            return False
        if not self._morph.word_is_known(text):
            return False
        parses = morph_parse(text)
        return all("NOUN" in p.tag and not {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"} & p.tag.grammemes
                   for p in parses)


def _starts_with_people(text: str) -> bool:
    """A Russian name whose first word pymorphy3 reads only as a plural animate noun
    («Ученики», «Учителя»): people, not an organisation."""
    first = text.split()[0]
    if not _CYRILLIC_WORD.fullmatch(first):
        return False
    nouns = [p for p in morph_parse(first.lower()) if "NOUN" in p.tag]
    return bool(nouns) and all("anim" in p.tag and "plur" in p.tag for p in nouns)
