"""Subjects read by grammar (docs/quantities.md, Subjects 7): made-up phrases, one per rule."""

from __future__ import annotations

import pytest

import edunews_nlp


def _subjects(text: str, lang: str) -> list:
    return [(q.text, q.subject) for q in edunews_nlp.extract(text, lang=lang).quantities]


@pytest.mark.parametrize("lang,text,expected", [
    # an empty head before a link gives way to its "of" phrase, with its modifiers
    ("en", "The number of rural pupils in the district grew by 12% in a year.", [("12%", "rural pupil")]),
    ("en", "The total amount of funding for the library is 2.4 billion tenge.", [("2.4 billion tenge", "funding")]),
    ("en", "The shortage of nurses in the district is 35 people.", [("35", "nurse")]),
    ("en", "The share of girls taking part in robotics rose by 8%.", [("8%", "girl")]),
    ("en", "The price of the new gym is estimated at 900 million tenge.", [("900 million tenge", "price")]),
    # coordinated adjectives and capitalised adjectives name kinds, not the counted thing
    ("en", "The town opened 40 scientific and creative studio rooms last year.", [("40", "studio room")]),
    ("en", "The fund trained 150 Uzbek librarians this spring.", [("150", "librarian")]),
    # a word hyphened to the head belongs to it; "first" stays off a modifier
    ("en", "This autumn 2,300 first-graders will start school in the town.", [("2,300", "first-grader")]),
    # the city's N schools: the second number counts the same things
    ("en", "Today 7 of the town's 30 kindergartens are overcrowded.", [("7", "kindergarten"), ("30", "kindergarten")]),
    # a share followed by its noun
    ("en", "The aim is 100% enrolment in every village.", [("100%", "enrolment")]),
    # "N of them <noun>"; a verb after "of them" names no subject
    ("en", "The camp hosted 90 volunteers, 40 of them students.", [("90", "volunteer"), ("40", "student")]),
    ("en", "The school held 50 lessons, and 20 of them covered chess.", [("50", "lesson"), ("20", "lesson")]),
])
def test_english_subjects_by_grammar(lang, text, expected):
    assert _subjects(text, lang) == expected


@pytest.mark.parametrize("text,expected", [
    # a noun in the nominative after a dash names what the bare count counts
    ("В лагерь приехали 80 детей, из них 30 – воспитанники интернатов.", [("80", "ребенок"), ("30", "воспитанник")]),
    # not after a preposition: the count then stands in a place phrase
    ("В 20 школах открыли музеи, а в 5 – театры.", [("20", "школа"), ("5", "школа")]),
    # a count of «человек» counts the people the clause names
    ("Больше всего молодых врачей приехало в Аральский район – 17 человек.", [("17", "молодой врач")]),
    ("В конференции участвовали 200 человек.", [("200", "человек")]),
    # «число учащихся»: an empty head gives way to a participle in the genitive
    ("За год число обучающихся выросло на 15%.", [("15%", "обучающийся")]),
    ("Общий объем инвестиций оценивается в 40 млрд тенге.", [("40 млрд тенге", "инвестиция")]),
])
def test_russian_subjects_by_grammar(text, expected):
    assert _subjects(text, "ru") == expected
