"""The registry and parameter checks: `generate`, `register`, clear errors on bad input."""

from __future__ import annotations

import doctest
import re

import pytest

import selftaught.generators as generators
from selftaught.generators import (
    DOMAINS,
    UnknownDomainError,
    arithmetic,
    common,
    generate,
    language,
    language_world,
    register,
)
from selftaught.types import Textbook


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_book_metadata_and_ids(domain: str) -> None:
    book = generate(domain, seed=11, chapters=6)
    assert book.id == f"{domain}-s11"
    assert book.domain == domain
    assert book.seed == 11
    assert book.version == common.GENERATOR_VERSION
    assert book.title and book.description
    assert book.answer_format == Textbook.model_fields["answer_format"].default
    assert [c.id for c in book.chapters] == [f"c{n}" for n in range(1, 7)]
    for n, chapter in enumerate(book.chapters, start=1):
        assert chapter.title and chapter.exposition and chapter.examples
        assert [e.id for e in chapter.exercises] == [f"c{n}.e{i}" for i in range(1, 9)]
        assert [p.id for p in chapter.probes] == [f"c{n}.p{i}" for i in range(1, 9)]
        assert all(item.skill for item in (*chapter.exercises, *chapter.probes))


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
@pytest.mark.parametrize("chapters", [1, 2, 4, 6])
def test_chapter_count(domain: str, chapters: int) -> None:
    assert len(generate(domain, seed=0, chapters=chapters).chapters) == chapters


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_exercise_and_probe_counts(domain: str) -> None:
    book = generate(domain, seed=4, chapters=6, exercises=5, probes=3)
    for chapter in book.chapters:
        assert len(chapter.exercises) == 5
        assert len(chapter.probes) == 3


def test_unknown_domain_is_a_key_error_listing_the_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        generate("klingon", seed=0)
    assert isinstance(info.value, UnknownDomainError)
    message = str(info.value)
    assert message.startswith("unknown textbook domain 'klingon'")
    assert "arithmetic" in message and "language" in message
    assert not message.startswith('"')  # plain text, not KeyError's quoted repr


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"chapters": 0}, "chapters"),
        ({"chapters": 7}, "chapters"),
        ({"exercises": 0}, "exercises"),
        ({"probes": 11}, "probes"),
        ({"seed": -1}, "seed"),
    ],
)
@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_out_of_range_parameters_name_the_field(
    domain: str, options: dict[str, int], field: str
) -> None:
    kwargs: dict[str, int] = {"seed": 0, **options}
    with pytest.raises(ValueError, match=rf"^{field}: .*\(use .*\)$"):
        generate(domain, **kwargs)


def test_register_adds_a_domain_and_refuses_a_different_duplicate() -> None:
    def fake(*, seed: int, chapters: int = 4) -> Textbook:
        return generate("arithmetic", seed=seed, chapters=chapters)

    register("fake-test-domain", fake)
    try:
        register("fake-test-domain", fake)  # same function again: allowed
        assert generate("fake-test-domain", seed=1, chapters=1).domain == "arithmetic"
        with pytest.raises(ValueError, match="already registered"):
            register("fake-test-domain", lambda **_: fake(seed=0))
    finally:
        del DOMAINS["fake-test-domain"]


@pytest.mark.parametrize(
    "module", [generators, common, language, language_world, arithmetic], ids=lambda m: m.__name__
)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


def test_ids_are_short_and_file_friendly() -> None:
    for domain in ("language", "arithmetic"):
        book = generate(domain, seed=123456, chapters=2)
        assert re.fullmatch(r"[a-z]+-s\d+", book.id)
