"""The offline engine `offline-4`: deterministic Japanese/English rules, no network, no model files."""

from bot.classifier.offline.engine import ENGINE_NAME, OfflineClassifier, analyse, assess_text, not_classified

__all__ = ["ENGINE_NAME", "OfflineClassifier", "analyse", "assess_text", "not_classified"]
