"""Russian: the noun-phrase and subject reader (pymorphy3 lemmas, agreement)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .context import Context
from .phrases import following_words
from .registry import Reader, register
from .rules import rules_data
from .russian_morph import CYRILLIC_WORD, agree, cached_morph, compound_noun, genitive_phrase, noun_in_case
from .tokens import Tok
from .vocabulary import normalise_word

if TYPE_CHECKING:
    from ..document import Token
    from .candidates import Candidate
    from .rules import Rules

# pymorphy3's summed score of the noun readings at which a list item's word counts as a noun
LIST_ITEM_NOUN_SCORE = 0.25


def _genitive_after_share(ctx: Context, cand: Candidate) -> str | None:
    """The counted noun right after a percentage, when it stands in the genitive plural."""
    words = following_words(ctx, cand.end, ctx.sentence_bounds(cand.end)[1], 3)
    try:
        morph = cached_morph()
    except Exception:
        return None
    found = genitive_phrase(morph, words, ctx.rules, plural_noun_first=True)
    if found is None and words and words[0].text[:1].islower():
        # «100% охват детей»: the share qualifies the noun after it
        parse = morph.parse(words[0].text)[0]
        if parse.tag.POS == "NOUN" and ({"nomn", "accs"} & set(parse.tag.grammemes)):
            found = parse.normal_form.replace("ё", "е")
    return found


def _russian_subject_before(words: list[str], rules: Rules, nearest: bool = False) -> str | None:
    """The noun a Russian clause says the number measures, with its adjectives: the first
    noun in the nominative before a verb ("средняя заработная плата составила N"), or the
    noun right before "в размере" in any case ("получают надбавку в размере 25%").
    A head like "стоимость" keeps its genitive ("стоимость обеда")."""
    try:
        morph = cached_morph()
    except Exception:
        return None
    parsed = []
    for n, word in enumerate(words):
        if word[:1].isupper() and n > 0:
            parsed.append(None)  # a name
            continue
        parsed.append(morph.parse(word))
    order = range(len(parsed) - 1, -1, -1) if nearest else range(len(parsed))
    for n in order:
        parses = parsed[n]
        if parses is None or words[n].lower() in rules.function_words:
            continue
        best = parses[0]
        if best.tag.POS != "NOUN" or {"Geox", "Name", "Surn", "Orgn", "Abbr"} & set(best.tag.grammemes):
            if nearest and best.tag.POS not in ("ADJF", "PRTF"):
                return None
            continue
        if nearest:
            noun = best
        else:
            noun = best if "nomn" in best.tag else None
        if noun is None:
            continue
        adjectives = []
        k = n - 1
        while k >= 0 and parsed[k] is not None:
            adjective = next((p for p in parsed[k] if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag), None)
            if adjective is None:
                break
            adjectives.insert(0, adjective)
            k -= 1
        lemma = noun.normal_form.replace("ё", "е")
        genitive = None
        for k in range(n + 1, min(n + 3, len(parsed))):  # "продолжительность базового курса"
            if parsed[k] is None or words[k].lower() in rules.function_words:
                break
            genitive = next((p for p in parsed[k] if p.tag.POS == "NOUN" and "gent" in p.tag), None)
            if genitive is None and lemma in rules.empty_heads:
                # «число учащихся»: a substantivised participle in the genitive plural
                participle = next((p for p in parsed[k] if p.tag.POS == "PRTF" and "gent" in p.tag
                                   and "plur" in p.tag), None)
                if participle is not None:
                    return (participle.inflect({"nomn", "sing", "masc"}) or participle).word.replace("ё", "е")
            if genitive is not None or parsed[k][0].tag.POS not in ("ADJF", "PRTF"):
                break
        if lemma in rules.empty_heads:
            # "размер стипендии" -> "стипендия"
            return genitive.normal_form.replace("ё", "е") if genitive is not None else None
        if lemma in rules.relational_heads and genitive is not None:
            # "стоимость путевки", "продолжительность курса": the head says little alone
            form = genitive if "Pltm" in genitive.tag else (genitive.inflect({"gent", "sing"}) or genitive)
            return f"{lemma} {form.word}".replace("ё", "е")
        return agree(morph, adjectives, noun, rules)
    return None


def _russian_purpose(ctx: Context, words: list[Tok]) -> str | None:
    """«на оснащение кабинетов» -> "оснащение"; «на капитальный ремонт школ» -> "капитальный
    ремонт"; «на организацию летнего отдыха» -> "летний отдых" (an empty head gives way to
    its genitive)."""
    rules = ctx.rules
    try:
        morph = cached_morph()
    except Exception:
        return None
    found = noun_in_case(morph, words, rules, {"accs"})
    if found is None:
        return None
    adjectives, noun, at = found
    lemma = noun.normal_form.replace("ё", "е")
    if lemma in rules.purpose_not_heads or {"Name", "Surn", "Geox", "Orgn", "Abbr"} & set(noun.tag.grammemes):
        return None
    if lemma in rules.purpose_empty_heads:
        return genitive_phrase(morph, words[at + 1:], rules)
    return agree(morph, adjectives, noun, rules)


def _russian_noun_phrase(ctx: Context, pos: int, sent_end: int) -> str | None:
    """Adjectives + the first noun, in the normal form with agreement:
    "105 модификационных кабинетов" -> "модификационный кабинет"."""
    rules = ctx.rules
    try:
        morph = cached_morph()
    except Exception:  # pymorphy3 missing or broken: no Russian subjects
        return None
    modifiers = []
    nouns_among_modifiers = []
    following = following_words(ctx, pos, sent_end, 5)
    while following and following[0].norm in rules.subject_lead_skip:
        following = following[1:]  # "еще 33 школы" is before; "33 еще школы" rare
    for tok in following[:4]:
        if tok.norm in rules.function_words or not CYRILLIC_WORD.fullmatch(tok.text):
            break
        if tok.text[:1].isupper():
            break  # a name begins: "23 столовых Актюбинской области"
        parses = morph.parse(tok.text)
        compound = compound_noun(morph, tok.text, parses)
        if compound:
            return compound
        noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        best = parses[0]
        if best.tag.POS == "NOUN" or (noun is not None and (adjective is None or best.tag.POS not in ("ADJF", "PRTF"))):
            return agree(morph, modifiers, noun or best, rules)
        if adjective is not None:
            modifiers.append(adjective)
            nouns_among_modifiers.append(noun)
            continue
        break
    if modifiers:
        head = modifiers[-1]
        if head.tag.POS == "PRTF":  # a substantivised participle: "учащихся" -> "учащийся"
            form = head.inflect({"nomn", "sing", "masc"}) or head
            return form.word.replace("ё", "е")
        if nouns_among_modifiers[-1] is not None:  # "23 столовых" -> "столовая"
            return agree(morph, modifiers[:-1], nouns_among_modifiers[-1], rules)
    return None


def _subject_before(ctx: Context, words: list[str], link, opens_sentence: bool) -> str | None:
    words = [w for w in words if normalise_word(w) not in ctx.words.cardinals]  # "одной путевки"
    nearest = bool(ctx.rules.subject_link_nearest.search(link.group()))
    return _russian_subject_before(words, ctx.rules, nearest) if words else None


def _doc_phrase(ctx: Context, run: list[Token], nouns: list[int]) -> str | None:
    """The run's first noun with the adjectives before it, agreeing."""
    rules = ctx.rules
    try:
        morph = cached_morph()
    except Exception:
        return normalise_word(run[nouns[0]].lemma)
    head_tok = run[nouns[0]]
    parses = morph.parse(head_tok.text)
    compound = compound_noun(morph, head_tok.text, parses)
    if compound and nouns[0] == 0:
        return compound
    noun = next((p for p in parses if p.tag.POS == "NOUN"), parses[0])
    adjectives = []
    for tok in run[: nouns[0]]:
        parse = next((p for p in morph.parse(tok.text) if p.tag.POS in ("ADJF", "PRTF")), None)
        if parse is not None:
            adjectives.append(parse)
    return agree(morph, adjectives, noun, rules)


def _is_counted_noun(word: Tok) -> bool:
    try:
        return cached_morph().parse(word.text)[0].tag.POS == "NOUN"
    except Exception:
        return True


def _same_word(word: str, lemma: str) -> bool:
    """«бронзовые»/"бронзовая"."""
    normal = {p.normal_form for p in cached_morph().parse(word)}
    return bool(normal & {p.normal_form for p in cached_morph().parse(lemma)})


def _list_head_noun(word: str) -> str | None:
    parses = cached_morph().parse(word)
    noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
    return noun.normal_form.replace("ё", "е") if noun is not None else None


def _list_item_phrase(ctx: Context, word: str, shared: list[str]) -> str | None:
    """The item's adjective, agreeing with the list's noun; the word's likeliest reading
    must be an adjective."""
    morph = cached_morph()
    parses = morph.parse(word)
    if parses[0].tag.POS not in ("ADJF", "PRTF") or \
            sum(p.score for p in parses if p.tag.POS == "NOUN") >= LIST_ITEM_NOUN_SCORE:
        return None  # «5 столовых и 3 спортивных зала»: «столовых» is a noun as likely as not
    noun = next((p for p in morph.parse(shared[-1]) if p.tag.POS == "NOUN" and "nomn" in p.tag), None)
    if noun is None:
        return None
    agreed = agree(morph, [parses[0]], noun, ctx.rules).split()[:-1]  # the adjective, agreeing
    return " ".join(agreed + shared)


def _apposition(ctx: Context, cand: Candidate) -> str | None:
    """«из них 187 – педагоги»: a noun in the nominative after a dash names what the bare
    count counts."""
    dash = _DASH_AFTER.match(ctx.text, cand.end)
    if dash is None:
        return None
    before = CYRILLIC_WORD.findall(ctx.text[max(0, cand.start - 20) : cand.start])
    try:
        if before and before[-1].lower() not in ctx.rules.subject_lead_skip \
                and cached_morph().parse(before[-1])[0].tag.POS == "PREP":
            return None  # «а в 12 – металлодетекторы»: the count stands in a place phrase
    except Exception:
        return None
    words = following_words(ctx, dash.end(), ctx.sentence_bounds(cand.end)[1], 1)
    if not words or not CYRILLIC_WORD.fullmatch(words[0].text) or not words[0].text[:1].islower():
        return None
    try:
        parses = cached_morph().parse(words[0].text)
    except Exception:
        return None
    if parses[0].tag.POS != "NOUN" or "nomn" not in parses[0].tag or "plur" not in parses[0].tag:
        return None
    return _russian_noun_phrase(ctx, dash.end(), ctx.sentence_bounds(cand.end)[1])


def _people_before(ctx: Context, words: list[str]) -> str | None:
    """«Больше всего молодых учителей … – 46 человек»: the first plural noun for people (an
    animate noun) in the clause before a count of «человек», with its adjectives."""
    try:
        morph = cached_morph()
    except Exception:
        return None
    parsed = [None if (w[:1].isupper() and n > 0) or normalise_word(w) in ctx.rules.function_words
              else morph.parse(w) for n, w in enumerate(words)]
    for n, parses in enumerate(parsed):
        if parses is None:
            continue
        best = parses[0]
        if best.tag.POS != "NOUN" or "anim" not in best.tag or "plur" not in best.tag \
                or {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & set(best.tag.grammemes):
            continue
        if best.normal_form in (rules_data().get("ru", {}).get("generic_counted") or ()):
            continue
        adjectives = []
        k = n - 1
        while k >= 0 and parsed[k] is not None:
            adjective = next((p for p in parsed[k] if p.tag.POS in ("ADJF", "PRTF") and best.tag.case in p.tag), None)
            if adjective is None:
                break
            adjectives.insert(0, adjective)
            k -= 1
        return agree(morph, adjectives, best, ctx.rules)
    return None


_DASH_AFTER = regex.compile(r"[ \u00a0]+[-–—][ \u00a0]+")


class RussianReader(Reader):
    """Adjectives and their noun in the normal form, agreeing (pymorphy3)."""

    doc_run_head_first = True

    def noun_phrase(self, ctx, pos, sent_end):
        return _russian_noun_phrase(ctx, pos, sent_end)

    def doc_phrase(self, ctx, run, nouns):
        return _doc_phrase(ctx, run, nouns)

    def subject_before(self, ctx, words, link, opens_sentence):
        return _subject_before(ctx, words, link, opens_sentence)

    def purpose(self, ctx, words):
        return _russian_purpose(ctx, words)

    def share_subject(self, ctx, cand):
        return _genitive_after_share(ctx, cand)

    def people_before(self, ctx, words):
        return _people_before(ctx, words)

    def apposition_subject(self, ctx, cand):
        return _apposition(ctx, cand)

    def is_counted_noun(self, ctx, word):
        return _is_counted_noun(word)

    def same_word(self, ctx, word, lemma):
        return _same_word(word, lemma)

    def list_head_noun(self, ctx, word):
        return _list_head_noun(word)

    def list_item_phrase(self, ctx, q, word, shared):
        return _list_item_phrase(ctx, word, shared)


RUSSIAN = RussianReader()
register("ru", RUSSIAN)
