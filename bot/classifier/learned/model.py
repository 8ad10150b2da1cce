"""The learned engine's model: a linear model over named features, stored as plain arrays (no pickle).

The artefact is one compressed NumPy archive: the vocabulary (feature names), the weights, the intercepts
and a JSON header (version, labels, calibration temperature, thresholds, training figures). Loading it
runs no code from the file.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import softmax

from bot.classifier.learned.features import Features
from bot.classifier.model import LABELS, Label

FORMAT = 1
Array = npt.NDArray[np.float32]


class ModelFileError(ValueError):
    """A model file that cannot be used: missing, corrupt, of another format or for other labels."""


@dataclass(frozen=True)
class Contribution:
    """How much one feature of the text pushed towards the label (in logits)."""

    feature: str
    weight: float


@dataclass(frozen=True)
class Prediction:
    """Calibrated probabilities per label, and the features behind the top label."""

    probabilities: dict[Label, float]
    top: list[Contribution] = field(default_factory=list)

    @property
    def label(self) -> Label:
        """The most probable label."""
        return max(self.probabilities, key=lambda k: self.probabilities[k])


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression over named features, with a calibration temperature."""

    version: str
    vocabulary: dict[str, int]
    weights: Array  # (features, labels)
    intercepts: Array  # (labels,)
    temperature: float = 1.0
    header: dict[str, Any] = field(default_factory=dict)

    def predict(self, features: Features, *, explain: int = 0) -> Prediction:
        """The probabilities of each label for these features; `explain`: how many top features to give."""
        known = [
            (i, value, name)
            for name, value in features.items()
            if (i := self.vocabulary.get(name)) is not None
        ]
        logits = self.intercepts.astype(np.float64)
        rows: Array | None = None
        if known:
            index = np.fromiter((k[0] for k in known), dtype=np.int64, count=len(known))
            values = np.fromiter((k[1] for k in known), dtype=np.float64, count=len(known))
            rows = self.weights[index]
            logits = logits + values @ rows
        probs = softmax(logits / self.temperature)
        probabilities: dict[Label, float] = {label: float(p) for label, p in zip(LABELS, probs, strict=True)}
        top: list[Contribution] = []
        if explain and rows is not None:
            best = int(np.argmax(probs))
            # What pushed to this label rather than to the others: its weight above the labels' mean.
            push = values * (rows[:, best] - rows.mean(axis=1))
            order = np.argsort(-push)[:explain]
            top = [Contribution(known[i][2], round(float(push[i]), 3)) for i in order if push[i] > 0]
        return Prediction(probabilities, top)

    def to_bytes(self) -> bytes:
        """The artefact: a compressed archive of plain arrays and a JSON header."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        header = {**self.header, "format": FORMAT, "version": self.version, "labels": list(LABELS)}
        header["temperature"] = self.temperature
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), dtype=np.uint8),
            vocabulary=np.frombuffer("\n".join(names).encode(), dtype=np.uint8),
            weights=self.weights.astype(np.float32),
            intercepts=self.intercepts.astype(np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        """The model in an artefact; ModelFileError when it is not one this code can use."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as archive:
                header = json.loads(bytes(archive["header"]).decode())
                names = bytes(archive["vocabulary"]).decode().split("\n")
                weights = np.asarray(archive["weights"], dtype=np.float32)
                intercepts = np.asarray(archive["intercepts"], dtype=np.float32)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            raise ModelFileError(f"not a model archive ({type(exc).__name__})") from None
        if header.get("format") != FORMAT or header.get("labels") != list(LABELS):
            raise ModelFileError("a model of another format or for other labels")
        if weights.shape != (len(names), len(LABELS)) or intercepts.shape != (len(LABELS),):
            raise ModelFileError("the model's arrays do not fit together")
        if not np.isfinite(weights).all() or not np.isfinite(intercepts).all():
            raise ModelFileError("the model holds non-finite weights")
        temperature = float(header.get("temperature", 1.0))
        if not temperature > 0:
            raise ModelFileError("the model's temperature is not positive")
        return cls(
            version=str(header.get("version", "?")),
            vocabulary={name: i for i, name in enumerate(names)},
            weights=weights,
            intercepts=intercepts,
            temperature=temperature,
            header=header,
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """The model in the file at `path`; ModelFileError when missing or unusable."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelFileError(f"cannot read {path.name} ({exc.strerror or type(exc).__name__})") from None
        return cls.from_bytes(data)
