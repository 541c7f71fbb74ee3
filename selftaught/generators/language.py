"""The fictional-language textbook: vocabulary, then grammar, then translation.

Why a fictional language: a model cannot show learning on what it already
knows, and every word and rule here is drawn from a seeded RNG, so no
pretraining corpus contains it. Chapters build on each other the way a real
language course does -- chapter 2's sentences are made of chapter 1's words,
chapter 3 adds tense and negation to chapter 2's word order, and so on -- so
forgetting an early chapter shows up as errors in later ones.

Items are short (a word, a plural, a three-to-five-word sentence) so that a
small model can learn them in a few minutes of study. Probes are parallel
forms: a drilled word asked the other way round, a word the exercises never
asked, or a new sentence under the same rule, always in different wording.

The flavour of chapter 2 for one seed (words differ per seed)::

    >>> book = generate_language(seed=3, chapters=2)
    >>> print(book.chapters[1].exposition.splitlines()[0][:60])
    Word order. A Siti sentence puts the verb, then subject, the
    >>> item = book.chapters[1].exercises[1]
    >>> print(item.prompt, "->", item.answer)
    Write 'the fox hears the lamps' in Siti. -> lado veve betorom
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import product

from selftaught.generators.common import (
    GENERATOR_VERSION,
    ChapterParts,
    Draft,
    Wording,
    assemble_parts,
    book_rngs,
    check_counts,
    exact,
    quote,
    split_directions,
)
from selftaught.generators.language_world import (
    DOMAIN_SALT,
    LanguageWorld,
    Sentence,
    Word,
    article,
    build_world,
    english_np,
    english_sentence,
    english_word,
)
from selftaught.types import Chapter, Textbook, WorkedExample

MAX_CHAPTERS = 6
"""Chapters this generator can write: vocabulary, word order and plural, tense and
negation, adjectives, more vocabulary, questions."""

# --------------------------------------------------------------------------- item helpers


def _apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` items over categories by weight (largest remainder, deterministic).

    >>> _apportion(8, [3, 5]), _apportion(3, [2, 3, 3]), _apportion(1, [3, 5])
    ([3, 5], [1, 1, 1], [0, 1])
    """
    quotas = [total * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), -weights[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _split(n_ex: int, n_pr: int, weights: Sequence[int],
           probe_caps: Sequence[Callable[[int], int] | None] = ()) -> tuple[
               list[int], list[int]]:
    """Exercise and probe counts per item category.

    Exercises are apportioned by weight. Probes too, but a category with no
    exercise gets no probe (every probed skill was practised), and none gets more
    than ``probe_caps[i](its exercise count)`` (the distinct items left to ask);
    when every category is full, the chapter has fewer probes than asked for.

    >>> _split(8, 8, [3, 5]), _split(1, 8, [3, 5])
    (([3, 5], [3, 5]), ([0, 1], [0, 8]))
    >>> _split(1, 10, [3, 2, 3], [lambda e: 8 - e, None, None])
    ([1, 0, 0], [7, 0, 0])
    """
    exercises = _apportion(n_ex, weights)
    caps = [cap(e) if cap is not None else n_pr
            for cap, e in zip(list(probe_caps) + [None] * len(weights), exercises, strict=False)]
    probes = [0] * len(weights)
    for step in range(1, n_pr + 1):
        open_ = [i for i, e in enumerate(exercises) if e and probes[i] < caps[i]]
        if not open_:
            break
        total = sum(weights[i] for i in open_)
        best = max(open_, key=lambda i: (step * weights[i] / total - probes[i], -i))
        probes[best] += 1
    return exercises, probes


SentenceDraw = Callable[[random.Random], Sentence]


def _unique_sentences(rng: random.Random, draw: SentenceDraw, count: int,
                      taken: set[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for _ in range(count * 200):
        if len(out) == count:
            break
        s = draw(rng)
        if s not in taken:
            taken.add(s)
            out.append(s)
    if len(out) == count:
        return out
    raise RuntimeError(f"could only draw {len(out)} of {count} distinct sentences")



TO_FIC = Wording(
    exercise=("Translate into {L}: {x}", "Write {x} in {L}."),
    probe=("How would a speaker of {L} say {x}?", "Give the {L} version of {x}."),
    example="Put {x} into {L}.",
)
FROM_FIC = Wording(
    exercise=("Translate into English: {x}", "What does the {L} {unit} {x} mean?"),
    probe=("In plain English, what is meant by {x}?", "Render the {L} {unit} {x} in English."),
    example="Say {x} in English.",
)
PLURAL = Wording(
    exercise=("What is the plural of the {L} noun {x}?", "Make {x} plural in {L}."),
    probe=("Many of them: how do you write more than one {x} in {L}?",
           "Turn the {L} noun {x} into its plural form."),
    example="Form the plural of {x}.",
)
PAST = Wording(
    exercise=("What is the past-tense form of the {L} verb {x}?", "Put {x} into the past tense."),
    probe=("Yesterday it happened: which {L} form of {x} says so?",
           "Change the {L} verb {x} so that it speaks about the past."),
    example="Give the past form of {x}.",
)



class _Writer:
    """Turns facts and sentences into drafts, choosing template wording with the chapter RNG."""

    def __init__(self, world: LanguageWorld, rng: random.Random) -> None:
        self.w = world
        self.rng = rng

    def say(self, wording: Wording, probe: bool, **fields: str) -> str:
        """A prompt in ``wording``'s exercise or probe phrasing, in this book's language."""
        return wording.say(self.rng, probe=probe, L=self.w.name, **fields)

    def word_item(self, word: Word, to_fic: bool, *, probe: bool, skill: str = "vocab") -> Draft:
        if to_fic:
            prompt = self.say(TO_FIC, probe, x=quote(word.en))
            return Draft(prompt, word.fic, exact(word.fic), skill)
        prompt = self.say(FROM_FIC, probe, x=quote(word.fic), unit="word")
        accepted = english_word(word)
        return Draft(prompt, accepted[0], exact(accepted[0], accepted), skill)

    def sentence_item(self, s: Sentence, to_fic: bool, *, probe: bool, skill: str) -> Draft:
        english = english_sentence(s)
        fic = self.w.render(s)
        if to_fic:
            prompt = self.say(TO_FIC, probe, x=quote(english[0]))
            return Draft(prompt, fic, exact(fic), skill)
        prompt = self.say(FROM_FIC, probe, x=quote(fic), unit="sentence")
        return Draft(prompt, english[0], exact(english[0], english), skill)

    def phrase_item(self, noun: Word, plural: bool, adj: Word | None, to_fic: bool, *,
                    probe: bool, skill: str) -> Draft:
        english = english_np(noun, plural, adj)
        fic = self.w.noun_phrase(noun, plural, adj)
        if to_fic:
            prompt = self.say(TO_FIC, probe, x=quote(english[0]))
            return Draft(prompt, fic, exact(fic), skill)
        prompt = self.say(FROM_FIC, probe, x=quote(fic), unit="phrase")
        return Draft(prompt, english[0], exact(english[0], english), skill)

    def vocab_items(self, words: Sequence[Word], n_ex: int, n_pr: int,
                    skill: str = "vocab") -> tuple[list[Draft], list[Draft]]:
        ex_pairs, pr_pairs = split_directions(len(words), n_ex, n_pr)
        exercises = [self.word_item(words[i], to_fic, probe=False, skill=skill)
                     for i, to_fic in ex_pairs]
        probes = [self.word_item(words[i], to_fic, probe=True, skill=skill)
                  for i, to_fic in pr_pairs]
        return exercises, probes

    def sentence_items(self, sentences: Sequence[Sentence], *, probe: bool, skill: str,
                       to_fic_share: float) -> list[Draft]:
        n_to_fic = round(len(sentences) * to_fic_share)
        return [self.sentence_item(s, i < n_to_fic, probe=probe, skill=skill)
                for i, s in enumerate(sentences)]

    def sentence_example(self, s: Sentence) -> WorkedExample:
        english = english_sentence(s)[0]
        fic = self.w.render(s)
        return WorkedExample(
            prompt=TO_FIC.example.format(L=self.w.name, x=quote(english)),
            solution=self.explain(s),
            answer=fic,
        )

    def explain(self, s: Sentence) -> str:
        """A step-by-step derivation of a sentence, as a teacher would write it."""
        w = self.w
        steps = []
        for role, noun, plural, adj in (("subject", s.subject, s.subject_plural, s.subject_adj),
                                        ("object", s.obj, s.object_plural, s.object_adj)):
            np = w.noun_phrase(noun, plural, adj)
            detail = f"{noun.en} = {noun.fic}"
            if plural:
                detail += f", plural {w.plural(noun.fic)}"
            if adj is not None:
                detail += f"; {adj.en} = {adj.fic}"
            steps.append(f"The {role} is '{english_np(noun, plural, adj)[0]}' ({detail}): {np}.")
        verb = f"{s.verb.en} = {s.verb.fic}"
        if s.past:
            verb += f", past {w.past(s.verb.fic)}"
        if s.negative:
            verb += f", negated with '{w.negation}'"
        steps.append(f"The verb is {verb}.")
        steps.append(f"{w.name} order is {w.order_text()}.")
        if s.question:
            where = "first" if w.question_at_start else "last"
            steps.append(f"It is a question, so '{w.question}' comes {where}.")
        steps.append(f"Result: {w.render(s)}")
        return " ".join(steps)


def _draw_sentence(world: LanguageWorld, upto: int, *, plural: float = 0.0, past: float = 0.0,
                   negative: float = 0.0, adjective: float = 0.0, question: float = 0.0,
                   must_use: Sequence[Word] = ()) -> SentenceDraw:
    """A sentence sampler over the words and features taught up to chapter ``upto``."""
    subjects = [w for w in world.lexicon("noun", upto=upto) if w.animate]
    nouns = world.lexicon("noun", upto=upto)
    verbs = world.lexicon("verb", upto=upto)
    adjectives = world.lexicon("adjective", upto=upto)

    def draw(rng: random.Random) -> Sentence:
        subject = rng.choice(subjects)
        obj = rng.choice([n for n in nouns if n != subject])
        verb = rng.choice(verbs)
        if must_use:
            new = rng.choice(must_use)
            if new.pos == "verb":
                verb = new
            elif new.animate and rng.random() < 0.5:
                subject = new
                obj = rng.choice([n for n in nouns if n != subject])
            else:
                obj = new if new != subject else obj
        is_question = rng.random() < question
        s = Sentence(
            subject=subject, verb=verb, obj=obj,
            subject_plural=rng.random() < plural, object_plural=rng.random() < plural,
            past=rng.random() < past, negative=not is_question and rng.random() < negative,
            question=is_question,
        )
        if adjectives and rng.random() < adjective:
            adj = rng.choice(adjectives)
            s = replace(s, subject_adj=adj) if rng.random() < 0.5 else replace(s, object_adj=adj)
        return s

    return draw


# --------------------------------------------------------------------------- chapters


def _chapter_vocabulary(world: LanguageWorld, rng: random.Random, n_ex: int,
                        n_pr: int) -> ChapterParts:
    words = world.lexicon("noun", chapter=1) + world.lexicon("verb", chapter=1) + \
        world.lexicon("adjective", chapter=1)
    writer = _Writer(world, rng)
    listing = _word_list(words)
    exposition = (
        f"{world.name} is a language spoken nowhere on Earth; you will learn it from scratch.\n"
        f"Here are its first {len(words)} words.\n\n{listing}\n\n{_glossary(world, words)}\n\n"
        f"{world.name} has no words for 'the' or 'a': '{words[0].fic}' means '{words[0].en}', "
        f"'the {words[0].en}' or '{article(words[0].en)} {words[0].en}'."
    )
    order = list(range(len(words)))
    rng.shuffle(order)
    shuffled = [words[i] for i in order]
    exercises, probes = writer.vocab_items(shuffled, n_ex, n_pr)
    examples = [
        WorkedExample(prompt=TO_FIC.example.format(L=world.name, x=quote(shuffled[0].en)),
                      solution=f"The word list says {shuffled[0].fic} = {shuffled[0].gloss()}.",
                      answer=shuffled[0].fic),
        WorkedExample(prompt=FROM_FIC.example.format(x=quote(shuffled[2].fic)),
                      solution=f"The word list says {shuffled[2].fic} = {shuffled[2].gloss()}.",
                      answer=english_word(shuffled[2])[0]),
    ]
    return ChapterParts(f"{world.name} words", exposition, examples, exercises, probes)


def _glossary(world: LanguageWorld, words: Sequence[Word]) -> str:
    """The word list the other way round, English first and alphabetical.

    Models trained on "A = B" often cannot answer "B = ?" (the reversal curse), so a
    learner that trains on the text must see every pair in both directions.
    """
    lines = [f"From English to {world.name}:"]
    lines.extend(f"  {w.en}: {w.fic}" for w in sorted(words, key=lambda w: w.en))
    return "\n".join(lines)


def _word_list(words: Sequence[Word], *, headings: bool = True) -> str:
    lines = []
    for pos, heading in (("noun", "Nouns"), ("verb", "Verbs"), ("adjective", "Adjectives")):
        group = [w for w in words if w.pos == pos]
        if group and headings:
            lines.append(f"{heading}:")
        if group:
            lines.extend(f"  {w.fic} = {w.gloss()}" for w in group)
    return "\n".join(lines)


def _chapter_order_plural(world: LanguageWorld, rng: random.Random, n_ex: int,
                          n_pr: int) -> ChapterParts:
    writer = _Writer(world, rng)
    nouns = world.lexicon("noun", chapter=1)
    taken: set[Sentence] = set()
    plain = _unique_sentences(rng, _draw_sentence(world, 1), 1, taken)[0]
    plural_s = _unique_sentences(rng, _draw_sentence(world, 1, plural=1.0), 1, taken)[0]
    shown = nouns[0]
    exposition = (
        f"Word order. A {world.name} sentence puts the {world.order_text()}. "
        f"'{english_sentence(plain)[0]}' is '{world.render(plain)}' in {world.name}. "
        f"The verb has the same form for every subject.\n\n"
        f"Plurals. To make a noun plural, add the ending -{world.plural_suffix}: "
        f"{shown.fic} ({shown.en}) becomes {world.plural(shown.fic)} ({shown.en_plural}). "
        f"'{english_sentence(plural_s)[0]}' is '{world.render(plural_s)}'."
    )
    (n_plural_ex, n_order_ex), (n_plural_pr, n_order_pr) = _split(
        n_ex, n_pr, [3, 5], [lambda e: len(nouns)])
    order = list(range(len(nouns)))
    rng.shuffle(order)
    pool = [nouns[i] for i in order]
    exercises = [_plural_item(writer, pool[i % len(pool)], "sg", probe=False)
                 for i in range(n_plural_ex)]
    probes = [_plural_item(writer, pool[k % len(pool)], _probe_form(k, len(pool), n_plural_ex,
                                                                    ("en", "fic-pl")),
                           probe=True)
              for k in range(n_plural_ex, n_plural_ex + n_plural_pr)]
    draw = _draw_sentence(world, 1, plural=0.35)
    ex_s = _unique_sentences(rng, draw, n_order_ex + 1, taken)
    pr_s = _unique_sentences(rng, draw, n_order_pr, taken)
    exercises += writer.sentence_items(ex_s[1:], probe=False, skill="word-order",
                                       to_fic_share=0.8)
    probes += writer.sentence_items(pr_s, probe=True, skill="word-order", to_fic_share=0.6)
    examples = [
        WorkedExample(prompt=PLURAL.example.format(x=quote(shown.fic)),
                      solution=f"Add -{world.plural_suffix} to {shown.fic}.",
                      answer=world.plural(shown.fic)),
        writer.sentence_example(ex_s[0]),
    ]
    return ChapterParts("Word order and plurals", exposition, examples, exercises, probes)


def _probe_form(k: int, pool_size: int, n_drilled: int, forms: tuple[str, str]) -> str:
    """Alternate a probe's form; a word the exercises drilled is only asked the other way
    round (its second form), so a probe's answer is never an exercise's answer."""
    drilled = k % pool_size < n_drilled and k >= pool_size
    return forms[1] if drilled else forms[k % 2]


def _plural_item(writer: _Writer, noun: Word, form: str, *, probe: bool) -> Draft:
    """``sg``: plural of a fictional noun; ``en``: say an English plural; ``fic-pl``: read one."""
    w = writer.w
    if form == "sg":
        prompt = writer.say(PLURAL, probe, x=quote(noun.fic))
        return Draft(prompt, w.plural(noun.fic), exact(w.plural(noun.fic)), "plural")
    if form == "en":
        prompt = writer.say(TO_FIC, probe, x=quote(noun.en_plural))
        return Draft(prompt, w.plural(noun.fic), exact(w.plural(noun.fic)), "plural")
    prompt = writer.say(FROM_FIC, probe, x=quote(w.plural(noun.fic)), unit="word")
    accepted = [noun.en_plural, f"the {noun.en_plural}"]
    return Draft(prompt, accepted[0], exact(accepted[0], accepted), "plural")


def _chapter_tense_negation(world: LanguageWorld, rng: random.Random, n_ex: int,
                            n_pr: int) -> ChapterParts:
    writer = _Writer(world, rng)
    verbs = world.lexicon("verb", chapter=1)
    taken: set[Sentence] = set()
    past_s = _unique_sentences(rng, _draw_sentence(world, 1, past=1.0), 1, taken)[0]
    neg_s = _unique_sentences(rng, _draw_sentence(world, 1, negative=1.0), 1, taken)[0]
    v0 = verbs[0]
    where = "before" if world.past_is_prefix else "after"
    affix = f"{world.past_affix}-" if world.past_is_prefix else f"-{world.past_affix}"
    neg_where = "right after" if world.negation_after_verb else "right before"
    exposition = (
        f"Past tense. To say that something happened in the past, put {affix} {where} the verb: "
        f"{v0.fic} ({v0.en}) becomes {world.past(v0.fic)} ({v0.en_past}). "
        f"'{english_sentence(past_s)[0]}' is '{world.render(past_s)}'.\n\n"
        f"Negation. To say 'not', put the word '{world.negation}' {neg_where} the verb. "
        f"'{english_sentence(neg_s)[0]}' is '{world.render(neg_s)}'. "
        f"Word order and plurals work as before."
    )
    counts_ex, counts_pr = _split(n_ex, n_pr, [2, 3, 3], [lambda e: len(verbs)])
    (n_past_ex, n_pasts_ex, n_neg_ex), (n_past_pr, n_pasts_pr, n_neg_pr) = counts_ex, counts_pr
    order = list(range(len(verbs)))
    rng.shuffle(order)
    pool = [verbs[i] for i in order]
    exercises = [_past_item(writer, pool[i % len(pool)], "fic", probe=False)
                 for i in range(n_past_ex)]
    probes = [_past_item(writer, pool[k % len(pool)], _probe_form(k, len(pool), n_past_ex,
                                                                  ("en", "fic-past")),
                         probe=True)
              for k in range(n_past_ex, n_past_ex + n_past_pr)]
    draw_past = _draw_sentence(world, 1, plural=0.3, past=1.0)
    draw_neg = _draw_sentence(world, 1, plural=0.3, past=0.4, negative=1.0)
    ex_past = _unique_sentences(rng, draw_past, n_pasts_ex, taken)
    ex_neg = _unique_sentences(rng, draw_neg, n_neg_ex + 1, taken)
    pr_past = _unique_sentences(rng, draw_past, n_pasts_pr, taken)
    pr_neg = _unique_sentences(rng, draw_neg, n_neg_pr, taken)
    exercises += writer.sentence_items(ex_past, probe=False, skill="past", to_fic_share=0.7)
    exercises += writer.sentence_items(ex_neg[1:], probe=False, skill="negation",
                                       to_fic_share=0.7)
    probes += writer.sentence_items(pr_past, probe=True, skill="past", to_fic_share=0.5)
    probes += writer.sentence_items(pr_neg, probe=True, skill="negation", to_fic_share=0.5)
    examples = [
        WorkedExample(prompt=PAST.example.format(x=quote(v0.fic)),
                      solution=f"Put {affix} {where} {v0.fic}.", answer=world.past(v0.fic)),
        writer.sentence_example(ex_neg[0]),
    ]
    return ChapterParts("Past tense and negation", exposition, examples, exercises, probes)


def _past_item(writer: _Writer, verb: Word, form: str, *, probe: bool) -> Draft:
    """``fic``: past of a fictional verb; ``en``: say an English past; ``fic-past``: read one."""
    w = writer.w
    past = w.past(verb.fic)
    if form == "fic":
        return Draft(writer.say(PAST, probe, x=quote(verb.fic)), past, exact(past), "past")
    if form == "en":
        return Draft(writer.say(TO_FIC, probe, x=quote(verb.en_past)), past, exact(past), "past")
    prompt = writer.say(FROM_FIC, probe, x=quote(past), unit="word")
    return Draft(prompt, verb.en_past, exact(verb.en_past), "past")


def _chapter_adjectives(world: LanguageWorld, rng: random.Random, n_ex: int,
                        n_pr: int) -> ChapterParts:
    writer = _Writer(world, rng)
    new = world.lexicon("adjective", chapter=4)
    adjectives = world.lexicon("adjective", upto=4)
    nouns = world.lexicon("noun", upto=4)
    placement = "after" if world.adjective_after_noun else "before"
    taken: set[Sentence] = set()
    shown = _unique_sentences(rng, _draw_sentence(world, 4, plural=0.3, adjective=1.0), 1,
                              taken)[0]
    n0, a0 = nouns[1], new[0]
    exposition = (
        f"{len(new)} more adjectives:\n{_word_list(new, headings=False)}\n\n"
        f"{_glossary(world, new)}\n\n"
        f"An adjective comes right {placement} the noun it describes and never changes: "
        f"'the {a0.en} {n0.en}' is '{world.noun_phrase(n0, False, a0)}', "
        f"'the {a0.en} {n0.en_plural}' is '{world.noun_phrase(n0, True, a0)}'. "
        f"'{english_sentence(shown)[0]}' is '{world.render(shown)}'."
    )
    (n_voc_ex, n_np_ex, n_s_ex), (n_voc_pr, n_np_pr, n_s_pr) = _split(
        n_ex, n_pr, [3, 2, 3], [lambda e: 2 * len(new) - e])
    order = list(range(len(new)))
    rng.shuffle(order)
    exercises, probes = writer.vocab_items([new[i] for i in order], n_voc_ex, n_voc_pr)
    phrases: list[tuple[Word, bool, Word]] = []
    for noun, plural, adj in product(nouns, (False, True), adjectives):
        phrases.append((noun, plural, adj))
    rng.shuffle(phrases)
    for i, (noun, plural, adj) in enumerate(phrases[:n_np_ex]):
        exercises.append(writer.phrase_item(noun, plural, adj, i % 3 != 2, probe=False,
                                            skill="adjective"))
    for i, (noun, plural, adj) in enumerate(phrases[n_np_ex:n_np_ex + n_np_pr]):
        probes.append(writer.phrase_item(noun, plural, adj, i % 2 == 0, probe=True,
                                         skill="adjective"))
    draw = _draw_sentence(world, 4, plural=0.3, past=0.3, negative=0.2, adjective=1.0)
    ex_s = _unique_sentences(rng, draw, n_s_ex + 1, taken)
    pr_s = _unique_sentences(rng, draw, n_s_pr, taken)
    exercises += writer.sentence_items(ex_s[1:], probe=False, skill="adjective",
                                       to_fic_share=0.7)
    probes += writer.sentence_items(pr_s, probe=True, skill="adjective", to_fic_share=0.5)
    examples = [writer.sentence_example(ex_s[0])]
    return ChapterParts("Adjectives", exposition, examples, exercises, probes)


def _chapter_more_words(world: LanguageWorld, rng: random.Random, n_ex: int,
                        n_pr: int) -> ChapterParts:
    writer = _Writer(world, rng)
    new = world.lexicon("noun", chapter=5) + world.lexicon("verb", chapter=5)
    exposition = (
        f"New words:\n{_word_list(new)}\n\n{_glossary(world, new)}\n\n"
        f"Every rule so far applies to them: word order ({world.order_text()}), "
        f"the plural ending -{world.plural_suffix}, the past tense, '{world.negation}' for "
        f"'not', and adjectives {'after' if world.adjective_after_noun else 'before'} "
        "their noun."
    )
    (n_voc_ex, n_s_ex), (n_voc_pr, n_s_pr) = _split(
        n_ex, n_pr, [1, 1], [lambda e: 2 * len(new) - e])
    order = list(range(len(new)))
    rng.shuffle(order)
    exercises, probes = writer.vocab_items([new[i] for i in order], n_voc_ex, n_voc_pr)
    taken: set[Sentence] = set()
    draw = _draw_sentence(world, 5, plural=0.3, past=0.3, negative=0.2, adjective=0.3,
                          must_use=new)
    ex_s = _unique_sentences(rng, draw, n_s_ex + 1, taken)
    pr_s = _unique_sentences(rng, draw, n_s_pr, taken)
    exercises += writer.sentence_items(ex_s[1:], probe=False, skill="translate",
                                       to_fic_share=0.6)
    probes += writer.sentence_items(pr_s, probe=True, skill="translate", to_fic_share=0.5)
    examples = [writer.sentence_example(ex_s[0])]
    return ChapterParts("More words", exposition, examples, exercises, probes)


def _chapter_questions(world: LanguageWorld, rng: random.Random, n_ex: int,
                       n_pr: int) -> ChapterParts:
    writer = _Writer(world, rng)
    taken: set[Sentence] = set()
    draw_q = _draw_sentence(world, 5, plural=0.3, past=0.4, adjective=0.3, question=1.0)
    shown = _unique_sentences(rng, draw_q, 1, taken)[0]
    where = "at the start" if world.question_at_start else "at the end"
    exposition = (
        f"Questions. To ask a yes-or-no question, put the word '{world.question}' {where} "
        f"of the sentence; nothing else changes. "
        f"'{english_sentence(shown)[0]}?' is '{world.render(shown)}'.\n\n"
        f"Translating into English, '{world.question}' turns the sentence into a question "
        f"with 'does', 'do' or 'did' in front."
    )
    (n_q_ex, n_t_ex), (n_q_pr, n_t_pr) = _split(n_ex, n_pr, [5, 3])
    draw_t = _draw_sentence(world, 5, plural=0.3, past=0.4, negative=0.3, adjective=0.3)
    ex_q = _unique_sentences(rng, draw_q, n_q_ex + 1, taken)
    ex_t = _unique_sentences(rng, draw_t, n_t_ex, taken)
    pr_q = _unique_sentences(rng, draw_q, n_q_pr, taken)
    pr_t = _unique_sentences(rng, draw_t, n_t_pr, taken)
    exercises = writer.sentence_items(ex_q[1:], probe=False, skill="question", to_fic_share=0.6)
    exercises += writer.sentence_items(ex_t, probe=False, skill="translate", to_fic_share=0.5)
    probes = writer.sentence_items(pr_q, probe=True, skill="question", to_fic_share=0.5)
    probes += writer.sentence_items(pr_t, probe=True, skill="translate", to_fic_share=0.5)
    examples = [writer.sentence_example(ex_q[0])]
    return ChapterParts("Questions", exposition, examples, exercises, probes)


CHAPTER_BUILDERS = [
    _chapter_vocabulary,
    _chapter_order_plural,
    _chapter_tense_negation,
    _chapter_adjectives,
    _chapter_more_words,
    _chapter_questions,
]
assert len(CHAPTER_BUILDERS) == MAX_CHAPTERS


def generate_language(*, seed: int, chapters: int = 4, exercises: int = 8,
                      probes: int = 8) -> Textbook:
    """A fictional-language textbook for ``seed`` (deterministic, byte-identical per seed).

    ``chapters`` (1..6) are, in order: vocabulary; word order and plurals; past tense
    and negation; adjectives; more words; questions. Each chapter has ``exercises``
    practice items and ``probes`` hidden parallel-form items (1..10 each). Only with
    very few exercises can a chapter have fewer probes than asked for: a probe's skill
    must have been practised, and a probe never repeats an exercise's item.

    >>> book = generate_language(seed=1, chapters=3)
    >>> [c.id for c in book.chapters], book.id, len(book.chapters[0].probes)
    (['c1', 'c2', 'c3'], 'language-s1', 8)
    """
    check_counts(chapters=chapters, max_chapters=MAX_CHAPTERS, exercises=exercises,
                 probes=probes)
    world = build_world(seed)
    rngs = book_rngs(seed, MAX_CHAPTERS, domain=DOMAIN_SALT)[1]
    built: list[Chapter] = []
    for number, (builder, rng) in enumerate(zip(CHAPTER_BUILDERS[:chapters], rngs,
                                                strict=False), start=1):
        part = builder(world, rng, exercises, probes)
        # Interleave the skills, so position in a chapter is not confounded with skill.
        rng.shuffle(part.exercises_E)
        rng.shuffle(part.probes_P)
        built.append(assemble_parts(number, part))
    return Textbook(
        id=f"language-s{seed}",
        title=f"Learn {world.name}",
        domain="language",
        seed=seed,
        version=GENERATOR_VERSION,
        description=(
            f"A course in {world.name}, a language invented from seed {seed}: vocabulary, "
            "then grammar rules, then translation. Later chapters use earlier chapters' "
            "words and rules."
        ),
        chapters=built,
    )
