"""A pack's conventions (month-first dates) are decided from its pages' text read a page at a time, and
decide exactly as they would from the whole text joined."""

from __future__ import annotations

import random

from packparse.lexicon import _DMY, _MDY, Conventions, _MatchCount

WORDS = ["January", "12,", "2021", "12", "March", "2020", "5th", "June", "1999", "$10", "£5", "on", "x12", "the",
         "20215", "May", "31st", "Dec", "1", "2019", " ", "", "Sept", "September"]


def _texts(rng: random.Random) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 40))]


def test_counted_a_page_at_a_time_as_in_the_whole_text():
    rng = random.Random(15)
    for _ in range(500):
        texts = _texts(rng)
        whole = " ".join(texts)
        for pattern in (_MDY, _DMY):
            count = _MatchCount(pattern)
            for i, text in enumerate(texts):
                count.feed(text if i == 0 else " " + text)
            assert count.total() == len(pattern.findall(whole)), texts
        assert Conventions.of_texts(texts) == Conventions.of(whole)


def test_a_date_across_pages_and_a_long_page_count_once():
    filler = "word " * 200  # longer than what the counter keeps
    texts = [filler + "Meeting held on January", "12, 2021 and", "on March 3 2021 " + filler + "12 March 2021"]
    assert Conventions.of_texts(texts) == Conventions.of(" ".join(texts)) == Conventions(month_first=True)
    assert Conventions.of_texts(["Cost $5", "on 1 May 2021", "and May 2, 2021"]).month_first  # a tie, in dollars
    assert not Conventions.of_texts(["Cost $5 and £3", "on 1 May 2021", "and May 2, 2021"]).month_first
    assert not Conventions.of_texts([]).month_first
