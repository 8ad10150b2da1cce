"""Training the learned engine from labelled files: features, vocabulary, a k-fold estimate, the
calibration and the decision's thresholds (both chosen on out-of-fold predictions), then the final fit.

Deterministic: the same files and settings give the same model, byte for byte.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bot.classifier.evaluation import LabelledItem
from bot.classifier.learned.decide import Thresholds, choose_thresholds, decide_all, label_f1
from bot.classifier.learned.features import Features, Groups, extract
from bot.classifier.learned.model import LinearModel
from bot.classifier.model import LABELS, Label
from bot.classifier.offline import analyse
from bot.classifier.offline.complaints import COMPLAINT_RULES
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.report import Analysis
from bot.classifier.offline.scope import SCOPE_RULES
from bot.classifier.offline.service import SERVICE_RULES
from bot.classifier.offline.threats import THREAT_RULES

ABSENT_LABEL_LOGIT = -30.0
Matrix = Any  # a scipy.sparse CSR matrix (scipy ships no type hints)


@dataclass(frozen=True)
class TrainingSettings:
    """What the fit depends on besides the data."""

    version: str = "learned-1"
    c: float = 32.0  # inverse regularisation strength (chosen by k-fold)
    min_count: int = 2  # a feature seen in fewer texts is left out of the vocabulary
    # ...and one only the desk's own cases have, unless that many complainants wrote it (see `vocabulary`)
    min_desk_writers: int = 3
    folds: int = 5
    seed: int = 0
    groups: Groups = field(default_factory=lambda: Groups(chars=1.0, words=1.0, rules=0.3))  # by k-fold


@dataclass
class FoldFigures:
    """The k-fold estimate on the training data, with the decision applied."""

    macro_f1: float
    threat_recall: float
    notice_recall: float
    false_threats: int
    benign: int
    per_label_f1: dict[str, float] = field(default_factory=dict)


@dataclass
class Trained:
    """A trained model, its thresholds and how it did out of fold."""

    model: LinearModel
    thresholds: Thresholds
    figures: FoldFigures


@dataclass(frozen=True)
class Example:
    """One labelled text as the trainer sees it: its rule analysis and its features."""

    label: Label
    analysis: Analysis
    features: Features
    writer: str = ""  # a desk complainant's key for the desk's own cases, "" for the shipped data


def examples(items: Sequence[LabelledItem], groups: Groups) -> list[Example]:
    """Each item analysed by the rules (in its own language) and turned into features."""
    out = []
    for item in items:
        an = analyse(item.text, item.tenant_language)
        out.append(Example(item.label, an, extract(an, groups), item.writer))
    return out


def vocabulary(data: Sequence[Example], settings: TrainingSettings) -> dict[str, int]:
    """The features seen in at least `min_count` texts, in sorted order (deterministic).

    A feature the desk's own cases brought (character n-grams of their redacted words) is kept only if the
    shipped data has it too or at least `min_desk_writers` different complainants wrote it: the model
    keeps nothing that could only come from one or two people's words.
    """
    seen: Counter[str] = Counter()
    shipped: set[str] = set()
    writers: dict[str, set[str]] = defaultdict(set)
    for example in data:
        seen.update(example.features.keys())
        if example.writer:
            for name in example.features:
                writers[name].add(example.writer)
        else:
            shipped.update(example.features)
    names = sorted(
        name
        for name, n in seen.items()
        if n >= settings.min_count and (name in shipped or len(writers[name]) >= settings.min_desk_writers)
    )
    return {name: i for i, name in enumerate(names)}


def matrix(features: Sequence[Features], vocab: dict[str, int]) -> Matrix:
    """The texts' features as a sparse matrix over `vocab` (unknown features dropped)."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, f in enumerate(features):
        for name, value in f.items():
            c = vocab.get(name)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(value)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(features), len(vocab)), dtype=np.float64)


def fit(x: Matrix, y: npt.NDArray[np.int64], settings: TrainingSettings) -> tuple[Any, Any]:
    """Weights (features × labels) and intercepts of a multinomial logistic regression (ValueError, from
    scikit-learn, when the data holds a single label)."""
    model = LogisticRegression(C=settings.c, max_iter=3000, tol=1e-4)
    model.fit(x, y)
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one vector: the second label's logit over the first's
        coef, intercept = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, intercept[0]])
    # Labels absent from the data keep zero weights and a very negative intercept.
    weights = np.zeros((x.shape[1], len(LABELS)))
    intercepts = np.full(len(LABELS), ABSENT_LABEL_LOGIT)
    weights[:, model.classes_] = coef.T
    intercepts[model.classes_] = intercept
    return weights, intercepts


def fit_temperature(logits: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> float:
    """The temperature that makes the out-of-fold probabilities honest (least negative log-likelihood)."""

    def nll(t: float) -> float:
        return float(-log_softmax(logits / t, axis=1)[np.arange(len(y)), y].mean())

    found = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded", options={"xatol": 1e-4})
    return round(float(found.x), 4)


def probabilities_of(logits: npt.NDArray[np.float64], temperature: float) -> npt.NDArray[np.float64]:
    """Probabilities per row."""
    return softmax(logits / temperature, axis=1)


def out_of_fold_logits(data: Sequence[Example], settings: TrainingSettings) -> npt.NDArray[np.float64]:
    """Each text's logits from a model that never saw it (stratified k-fold)."""
    y = np.array([LABELS.index(e.label) for e in data])
    logits = np.zeros((len(data), len(LABELS)))
    folds = StratifiedKFold(n_splits=settings.folds, shuffle=True, random_state=settings.seed)
    for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
        vocab = vocabulary([data[i] for i in train_idx], settings)
        x_train = matrix([data[i].features for i in train_idx], vocab)
        weights, intercepts = fit(x_train, y[train_idx], settings)
        x_test = matrix([data[i].features for i in test_idx], vocab)
        logits[test_idx] = x_test @ weights + intercepts
    return logits


def train(items: Sequence[LabelledItem], settings: TrainingSettings | None = None) -> Trained:
    """The model trained on all `items`, with thresholds and figures from k-fold predictions."""
    settings = settings or TrainingSettings()
    data = examples(items, settings.groups)
    y = np.array([LABELS.index(e.label) for e in data])
    oof = out_of_fold_logits(data, settings)
    temperature = fit_temperature(oof, y)
    probabilities = probabilities_of(oof, temperature)
    rules = [e.analysis for e in data]
    thresholds = choose_thresholds(probabilities, y, rules)
    figures = fold_figures(probabilities, y, rules, thresholds)
    vocab = vocabulary(data, settings)
    weights, intercepts = fit(matrix([e.features for e in data], vocab), y, settings)
    header = {
        "settings": {**asdict(settings), "groups": asdict(settings.groups)},
        "thresholds": asdict(thresholds),
        "k_fold": asdict(figures),
        "items": len(items),
        "data_digest": data_digest(items),
        "rules_digest": rules_digest(),
    }
    model = LinearModel(
        version=settings.version,
        vocabulary=vocab,
        weights=weights.astype(np.float32),
        intercepts=intercepts.astype(np.float32),
        temperature=temperature,
        header=header,
    )
    return Trained(model, thresholds, figures)


def fold_figures(
    probabilities: npt.NDArray[np.float64],
    y: npt.NDArray[np.int64],
    rules: Sequence[Analysis],
    thresholds: Thresholds,
) -> FoldFigures:
    """Macro-F1, threat recall (label and notice) and false threats of the decision, out of fold."""
    decided = decide_all(probabilities, rules, thresholds)
    predicted = [LABELS.index(d.label) for d in decided]
    per_label: dict[str, float] = {
        label: round(f1, 4) for label, f1 in zip(LABELS, label_f1(y, predicted), strict=True)
    }
    threat = LABELS.index("threat")
    threats = [i for i, t in enumerate(y) if t == threat]
    benign = [i for i, t in enumerate(y) if LABELS[t] in ("legitimate", "out_of_scope")]
    return FoldFigures(
        macro_f1=round(sum(per_label.values()) / len(per_label), 4),
        threat_recall=_share(sum(1 for i in threats if decided[i].label == "threat"), len(threats)),
        notice_recall=_share(sum(1 for i in threats if decided[i].notice), len(threats)),
        false_threats=sum(1 for i in benign if decided[i].label == "threat"),
        benign=len(benign),
        per_label_f1=per_label,
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else math.nan


def data_digest(items: Sequence[LabelledItem]) -> str:
    """A digest of the training data (texts and labels, in order): which data made a model."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(f"{item.label}\t{item.text}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def rules_digest() -> str:
    """A digest of the rules the model's features name (their names and patterns): a model trained under
    other rules reads features that no longer mean the same."""
    digest = hashlib.sha256()
    for r in (*THREAT_RULES, *HARASSMENT_RULES, *COMPLAINT_RULES, *SCOPE_RULES, *SERVICE_RULES):
        digest.update(f"{r.name}\t{r.category}\t{r.kind}\t{r.regex.pattern}\n".encode())
    return digest.hexdigest()[:16]
