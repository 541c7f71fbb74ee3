"""The shared vocabulary of selftaught: one name, one meaning, everywhere.

Everything a study run reads (a `Textbook` of `Chapter`s of `Exercise`s) and
everything it writes (`StudyEvent`s with their `Grade`s and `Costs`) is defined
here, so that generators, checkers, learners, the run store and the metrics all
speak the same language. The models are pydantic models because textbooks are
user input: validation errors carry the exact path of the bad field
(``chapters[2].exercises[0].checker.kind``), which `selftaught.textbook.validate`
turns into one readable line per problem.

Naming conventions (docs/design.md, Concepts): collections carry their dimension
as a suffix: ``_C`` chapters, ``_E`` exercises, ``_P`` probes, ``_G`` group,
``_T`` tokens.

Chapters are numbered from 1 in everything a user sees (CLI, metrics, reports);
``after_chapter = 0`` means "before any study" (the pre-test).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

CHECKER_KINDS: tuple[str, ...] = (
    "exact", "choice", "numeric", "regex", "set", "symbolic", "python-tests",
)
"""The built-in checker kinds; see `selftaught.checkers` for each kind's semantics."""

DECLARED_CHECKER_KINDS: set[str] = set()
"""Kinds registered in this process beyond the built-ins (`declare_checker_kind`)."""


def declare_checker_kind(kind: str) -> None:
    """Make ``kind`` a valid `CheckerSpec.kind` (`selftaught.checkers.register_checker` does
    this; installed plugins' kinds are valid without it)."""
    DECLARED_CHECKER_KINDS.add(kind)


def checker_kinds() -> tuple[str, ...]:
    """Every valid checker kind: the built-ins, those registered in this process, and those
    of installed plugins (entry-point group ``selftaught.checkers``)."""
    from selftaught.plugins import GROUPS, plugin_entry_points

    plugins = set(plugin_entry_points(GROUPS["checkers"]))
    extra = (DECLARED_CHECKER_KINDS | plugins) - set(CHECKER_KINDS)
    return (*CHECKER_KINDS, *sorted(extra))


def _known_checker_kind(kind: str) -> str:
    if kind in CHECKER_KINDS or kind in DECLARED_CHECKER_KINDS:
        return kind  # the common case, without looking at installed plugins
    kinds = checker_kinds()
    if kind not in kinds:
        raise PydanticCustomError("literal_error", "Input should be {expected}",
                                  {"expected": ", ".join(repr(k) for k in kinds)})
    return kind


CheckerKind = Annotated[str, AfterValidator(_known_checker_kind)]
"""How a response is graded: a registered checker kind (`checker_kinds`). Open: a plugin adds
kinds, so it is a validated string, not a fixed ``Literal``."""

EventKind = Literal["study", "practice", "probe"]
"""`study`: the learner read a chapter's exposition and worked examples.
`practice`: it answered one exercise and (unless a control) got graded feedback.
`probe`: it answered one hidden quiz item; never followed by feedback."""


class _Strict(BaseModel):
    """Base config: unknown fields are errors (a typo must never be ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckerSpec(_Strict):
    """Which checker grades an exercise, and its parameters.

    Only the parameters of the chosen ``kind`` may be set; the others stay at
    their defaults. Cross-field rules (a choice answer must be one of its
    options, a regex must compile, ...) are enforced by
    `selftaught.textbook.validate`, which can name the offending field.
    """

    kind: CheckerKind = "exact"
    """Checker kind: exact | choice | numeric | regex | set | symbolic | python-tests, or one a
    plugin registers."""
    case_sensitive: bool = False
    """exact/set/choice: compare case-sensitively (default: case-insensitive)."""
    aliases: list[str] = Field(default_factory=list)
    """exact: further accepted answers besides the exercise's ``answer``."""
    options: list[str] | None = None
    """choice: the options, in the order shown (answerable by letter A, B, ... or by text)."""
    tolerance: float | None = None
    """numeric: absolute tolerance (default 1e-9 when neither tolerance is given)."""
    rel_tolerance: float | None = None
    """numeric: relative tolerance, |x - ref| <= rel_tolerance * |ref|."""
    pattern: str | None = None
    """regex: the pattern the extracted answer must fully match (Python `re` syntax)."""
    separator: str = ","
    """set: separator between the elements of an unordered answer."""
    tests: str | None = None
    """python-tests: the hidden pytest source the response's code is run against."""
    tests_sha256: str | None = None
    """python-tests: sha256 of ``tests``; the sandbox refuses tests that do not match."""
    files: dict[str, str] = Field(default_factory=dict)
    """python-tests: support files (relative path -> text) written next to the solution,
    e.g. the book's library (a checker sees only the exercise, not the `Textbook`)."""


class WorkedExample(_Strict):
    """A solved problem shown during study: the prompt, the worked solution, the answer."""

    prompt: str
    solution: str
    """The reasoning, step by step, as a student would read it."""
    answer: str


class Exercise(_Strict):
    """One gradable item: a practice exercise (shown with feedback) or a hidden probe."""

    id: str = Field(min_length=1)
    """Unique within the textbook, e.g. ``c2.e3`` (exercise) or ``c2.p1`` (probe)."""
    prompt: str = Field(min_length=1)
    """The full question as the learner sees it (choice options included)."""
    answer: str
    """The reference answer, in the form its checker accepts."""
    checker: CheckerSpec = Field(default_factory=CheckerSpec)
    skill: str | None = None
    """Optional skill tag, e.g. ``vocab`` or ``plural``; probes mirror exercises' skills."""


class Chapter(_Strict):
    """One unit of study: read, practise with feedback, then be quizzed (hidden probes)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    exposition: str = Field(min_length=1)
    """The text the learner studies."""
    examples: list[WorkedExample] = Field(default_factory=list)
    exercises: list[Exercise] = Field(min_length=1)
    """Practice items, answered one at a time, each followed by graded feedback."""
    probes: list[Exercise] = Field(min_length=1)
    """Hidden quiz items: parallel forms of the exercises' skills, never shown during study."""


class Textbook(_Strict):
    """Ordered chapters plus metadata. Serialised as YAML or JSON (round-trip exact)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    domain: str = Field(min_length=1)
    """Generator domain id (``language``, ``arithmetic``, ...) or ``custom`` for hand-authored."""
    seed: int | None = None
    """Generator seed; None for hand-authored books."""
    version: str = "1"
    description: str = ""
    answer_format: str = "Finish your reply with a final line of the form 'Answer: <your answer>'."
    """The answer convention, told to model learners with every question."""
    files: dict[str, str] = Field(default_factory=dict)
    """Files that ship with the book (relative path -> text), e.g. a library for the sandbox."""
    chapters: list[Chapter] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Textbook:
        seen: set[str] = set()
        for c, chapter in enumerate(self.chapters):
            if chapter.id in seen:
                raise ValueError(f"chapters[{c}].id: duplicate id {chapter.id!r}")
            seen.add(chapter.id)
            for group in ("exercises", "probes"):
                for e, item in enumerate(getattr(chapter, group)):
                    if item.id in seen:
                        raise ValueError(
                            f"chapters[{c}].{group}[{e}].id: duplicate id {item.id!r} "
                            "(ids must be unique in the whole textbook)"
                        )
                    seen.add(item.id)
        return self

    def items(self) -> dict[str, Exercise]:
        """Every exercise and probe by id."""
        return {
            item.id: item for ch in self.chapters for item in (*ch.exercises, *ch.probes)
        }


class Grade(_Strict):
    """A checker's verdict on one response."""

    score: float = Field(ge=0.0, le=1.0)
    """Partial credit in [0, 1] (e.g. fraction of set elements, of tests passed)."""
    correct: bool
    feedback: str
    """Text a learner can learn from: what was expected and why the response missed it."""
    extracted: str | None = None
    """The answer the checker read out of the response (None if none could be found)."""


class Costs(_Strict):
    """What learning and answering cost. Counters only grow; events log differences."""

    tokens_prompt: int = 0
    """Tokens read by the model (prompts, notes in context)."""
    tokens_sampled: int = 0
    """Tokens generated by the model."""
    tokens_trained: int = 0
    """Tokens in training sequences (summed over gradient steps)."""
    grad_steps: int = 0
    seconds: float = 0.0
    """Wall-clock seconds spent inside the learner."""
    cpu_seconds: float = 0.0
    """Process CPU seconds spent inside the learner (``time.process_time``: all its threads,
    not other processes), the honest cost on a shared machine; 0 where not measured."""

    def __add__(self, other: Costs) -> Costs:
        return Costs(**{k: getattr(self, k) + getattr(other, k) for k in Costs.model_fields})

    def __sub__(self, other: Costs) -> Costs:
        return Costs(**{k: getattr(self, k) - getattr(other, k) for k in Costs.model_fields})

    @property
    def tokens(self) -> int:
        """All tokens processed: read + sampled + trained."""
        return self.tokens_prompt + self.tokens_sampled + self.tokens_trained


class StudyEvent(_Strict):
    """One thing that happened in a study run; the run store commits each as it happens.

    Metrics are pure functions of a track's events (see `selftaught.metrics`).
    """

    kind: EventKind
    chapter: int = Field(ge=1)
    """1-based number of the chapter the item (or the studied material) belongs to."""
    after_chapter: int | None = Field(default=None, ge=0)
    """probe: chapters completed when probed (0 = pre-test); None for a curve probe."""
    exercises_done: int | None = Field(default=None, ge=0)
    """probe: practice exercises done in ``chapter`` when probed, for the learning curve;
    practice: the exercise's 0-based position in its chapter."""
    item_id: str | None = None
    prompt: str | None = None
    response: str | None = None
    """practice/probe: the learner's answer; study: what it derived (notes, self-edits), if any."""
    reference: str | None = None
    """The reference answer of the item."""
    grade: Grade | None = None
    answer_logprob: float | None = None
    """probe: mean per-token log-probability of the reference answer under the learner, at
    the time of the probe (the dense measure); None where the learner cannot score."""
    costs: Costs = Field(default_factory=Costs)
    """What this event cost the learner (difference of its cost counters)."""
