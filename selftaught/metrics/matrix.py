"""Metrics of the accuracy matrix: how much a learner gained, kept and transferred.

Why pure functions of a matrix: the accuracy matrix is the one summary of a study
run that every continual-learning metric (GEM/A-GEM's ACC, BWT, FWT, forgetting;
Hake's normalised gain; SEAL-style improvement rewards) is defined on. Computing
them here, from a plain array, means a report can be recomputed from the event log
alone and each formula can be checked by hand on a 2x3 matrix.

Indexing convention (read this once):

* Chapters are numbered ``1..T`` in names, formulas and docstrings, as users see
  them. Arrays are 0-based. ``R`` has shape ``(T+1, T)``:
  row ``i`` is the learner's state after ``i`` chapters (row 0 = the pre-test),
  column ``j-1`` holds chapter ``j``'s probes. So the design's (docs/design.md) ``R[i][j]`` is
  ``R[i, j-1]`` here.
* Per-chapter results are returned as arrays of length ``T`` (or ``T-1``), where
  element ``k`` belongs to chapter ``k+1``.

Every function validates its input (2-D, shape ``(T+1, T)``, finite, within
[0, 1]) and raises ``ValueError`` naming the problem; none turns an error into 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

ArrayLike = npt.ArrayLike
FloatArray = npt.NDArray[np.float64]


def check_matrix(R: ArrayLike, *, name: str = "R", min_chapters: int = 1) -> FloatArray:
    """Return ``R`` as a float64 array after checking it is a valid accuracy matrix.

    Valid: 2-D, shape ``(T+1, T)`` with ``T >= min_chapters``, every entry finite
    and within [0, 1].

    >>> check_matrix([[0.0], [1.0]]).shape
    (2, 1)
    >>> check_matrix([[0.0, 0.5], [1.0, 0.5]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: R: shape (2, 2) is not an accuracy matrix (expected (T+1, T): ...
    """
    try:
        arr = np.asarray(R, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: not a numeric matrix ({err})") from err
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D matrix, got {arr.ndim} dimension(s)")
    rows, cols = arr.shape
    if cols < 1 or rows != cols + 1:
        raise ValueError(
            f"{name}: shape {arr.shape} is not an accuracy matrix "
            "(expected (T+1, T): one row per state 0..T, one column per chapter 1..T)"
        )
    if cols < min_chapters:
        raise ValueError(
            f"{name}: this metric needs at least {min_chapters} chapters, got T={cols}"
        )
    if not np.all(np.isfinite(arr)):
        i, j = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name}: entry [{i}, {j}] is {arr[i, j]} (must be finite)")
    if np.any((arr < 0.0) | (arr > 1.0)):
        i, j = np.argwhere((arr < 0.0) | (arr > 1.0))[0]
        raise ValueError(f"{name}: entry [{i}, {j}] = {arr[i, j]} is outside [0, 1]")
    return arr


def n_chapters(R: ArrayLike) -> int:
    """Number of chapters ``T`` of an accuracy matrix.

    >>> n_chapters([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    2
    """
    return int(check_matrix(R).shape[1])


def _chapter(c: int, T: int) -> int:
    if isinstance(c, bool) or not isinstance(c, int | np.integer):
        raise ValueError(f"chapter must be an int in 1..{T}, got {c!r}")
    if not 1 <= c <= T:
        raise ValueError(f"chapter {c} is out of range (chapters are numbered 1..{T})")
    return int(c)


def pretest_floor(R: ArrayLike) -> tuple[FloatArray, float]:
    """Pre-test accuracy per chapter and its mean: ``b_j = R[0][j]``.

    On generated material ``b_j`` should sit near chance; a high floor means the
    probes measure prior knowledge, not learning.

    >>> b_C, mean = pretest_floor([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]])
    >>> b_C.tolist(), mean
    ([0.0, 0.25], 0.125)
    """
    arr = check_matrix(R)
    b_C = arr[0].copy()
    return b_C, float(b_C.mean())


def post_study(R: ArrayLike) -> FloatArray:
    """Accuracy on each chapter right after studying it: ``R[c][c]`` for c = 1..T.

    >>> post_study([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]).tolist()
    [0.75, 1.0]
    """
    arr = check_matrix(R)
    T = arr.shape[1]
    return arr[np.arange(1, T + 1), np.arange(T)].copy()


def post_study_accuracy(R: ArrayLike) -> float:
    """Mean post-study accuracy: ``mean_c R[c][c]``.

    >>> post_study_accuracy([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]])
    0.875
    """
    return float(post_study(R).mean())


def gains(R: ArrayLike) -> FloatArray:
    """Learning gain per chapter: ``Δ_c = R[c][c] − R[c−1][c]``, c = 1..T.

    The improvement on chapter c's probes from studying chapter c (the state
    just before it is row c−1, which for c = 1 is the pre-test).

    >>> gains([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]).tolist()
    [0.75, 0.75]
    """
    arr = check_matrix(R)
    T = arr.shape[1]
    cols = np.arange(T)
    return arr[cols + 1, cols] - arr[cols, cols]


def hake_gains(R: ArrayLike) -> FloatArray:
    """Hake normalised gain per chapter: ``g_c = Δ_c / (1 − R[c−1][c])``.

    The fraction of the possible improvement that was realised. It is undefined
    when the learner already scored 1 before studying (``R[c−1][c] = 1``): that
    chapter's entry is then ``nan`` -- deliberately, not 0, since there was
    nothing left to gain and no evidence either way. Use ``np.nanmean`` only if
    you mean "over the chapters where the gain is defined".

    >>> hake_gains([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]).tolist()
    [0.75, 1.0]
    >>> hake_gains([[1.0], [1.0]]).tolist()
    [nan]
    """
    arr = check_matrix(R)
    T = arr.shape[1]
    cols = np.arange(T)
    before_C = arr[cols, cols]
    delta_C = arr[cols + 1, cols] - before_C
    headroom_C = 1.0 - before_C
    out = np.full(T, np.nan)
    defined = headroom_C > 0.0
    out[defined] = delta_C[defined] / headroom_C[defined]
    return out


def controlled_gains(R_learner: ArrayLike, R_control: ArrayLike) -> FloatArray:
    """Gain beyond the control, per chapter: ``G_c = Δ_c(learner) − Δ_c(control)``.

    The control is the same model with learning disabled, so ``G_c`` is the part
    of the gain that studying caused (not drift, not probe order, not luck).

    >>> L = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> C = [[0.0, 0.25], [0.25, 0.25], [0.25, 0.5]]
    >>> controlled_gains(L, C).tolist()
    [0.5, 0.5]
    """
    learner = check_matrix(R_learner, name="R_learner")
    control = check_matrix(R_control, name="R_control")
    if learner.shape != control.shape:
        raise ValueError(
            f"R_learner has shape {learner.shape} but R_control has {control.shape} "
            "(learner and control must be probed on the same textbook)"
        )
    return gains(learner) - gains(control)


def final_accuracy(R: ArrayLike) -> float:
    """Final accuracy over all chapters: ``ACC = mean_j R[T][j]``.

    >>> final_accuracy([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]])
    0.75
    """
    arr = check_matrix(R)
    return float(arr[-1].mean())


def backward_transfer(R: ArrayLike) -> float:
    """Backward transfer: ``BWT = mean_{j<T} (R[T][j] − R[j][j])`` (needs T ≥ 2).

    Negative means later chapters erased earlier ones (forgetting); positive
    means later study also helped earlier chapters.

    >>> backward_transfer([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]])
    -0.25
    """
    arr = check_matrix(R, min_chapters=2)
    T = arr.shape[1]
    cols = np.arange(T - 1)
    return float((arr[T, cols] - arr[cols + 1, cols]).mean())


def forward_transfer(R: ArrayLike) -> float:
    """Forward transfer: ``FWT = mean_{j≥2} (R[j−1][j] − b_j)`` (needs T ≥ 2).

    How much studying chapters before j helped on chapter j before it was
    studied, relative to the pre-test.

    >>> forward_transfer([[0.0, 0.25], [0.75, 0.5], [0.5, 1.0]])
    0.25
    """
    arr = check_matrix(R, min_chapters=2)
    T = arr.shape[1]
    cols = np.arange(1, T)
    return float((arr[cols, cols] - arr[0, cols]).mean())


def forgetting(R: ArrayLike) -> FloatArray:
    """Forgetting per chapter j < T: ``F_j = max_{l<T} R[l][j] − R[T][j]`` (needs T ≥ 2).

    The drop from the best accuracy reached on chapter j before the last chapter
    to the final one (the pre-test row is included in the max, as in docs/design.md, Metrics).
    It is negative when the final accuracy beats every earlier one (later
    chapters helped): the formula is kept as is, not clipped at 0.

    >>> forgetting([[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]).tolist()
    [0.25]
    """
    arr = check_matrix(R, min_chapters=2)
    T = arr.shape[1]
    return arr[:T, : T - 1].max(axis=0) - arr[T, : T - 1]


def max_forgetting(R: ArrayLike) -> float:
    """The largest ``F_j`` over chapters j < T (needs T ≥ 2).

    >>> max_forgetting([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.5, 1.0, 0.0], [0.75, 0.25, 1.0]])
    0.75
    """
    return float(forgetting(R).max())


def progress_reward(R_learner: ArrayLike, R_control: ArrayLike, c: int, lam: float = 1.0) -> float:
    """Progress reward for chapter c: ``r_c = G_c − λ Σ_{j<c} max(0, R[c−1][j] − R[c][j])``.

    The controlled gain on chapter c minus λ times what studying chapter c cost
    on earlier chapters (drops only; improvements are not rewarded twice). ``R``
    in the penalty is the learner's matrix. ``c`` is 1-based; ``lam`` ≥ 0.

    >>> L = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> C = [[0.0, 0.25], [0.25, 0.25], [0.25, 0.5]]
    >>> progress_reward(L, C, 1), progress_reward(L, C, 2), progress_reward(L, C, 2, lam=2.0)
    (0.5, 0.25, 0.0)
    """
    learner = check_matrix(R_learner, name="R_learner")
    T = learner.shape[1]
    c = _chapter(c, T)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")
    G_C = controlled_gains(learner, R_control)
    drops = np.maximum(0.0, learner[c - 1, : c - 1] - learner[c, : c - 1])
    return float(G_C[c - 1] - lam * drops.sum())


def progress_rewards(R_learner: ArrayLike, R_control: ArrayLike, lam: float = 1.0) -> FloatArray:
    """``r_c`` for every chapter c = 1..T (see `progress_reward`).

    >>> L = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> C = [[0.0, 0.25], [0.25, 0.25], [0.25, 0.5]]
    >>> progress_rewards(L, C).tolist()
    [0.5, 0.25]
    """
    T = check_matrix(R_learner, name="R_learner").shape[1]
    return np.array([progress_reward(R_learner, R_control, c, lam) for c in range(1, T + 1)])
