"""Encryption at rest for complainant personal data, with key rotation, and keyed lookup hashes."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.config import ConfigError


class PiiCipher:
    """Encrypts with the newest key, decrypts with any configured key (MultiFernet)."""

    def __init__(self, *, keys: str, hash_key: str) -> None:
        key_list = [k.strip() for k in keys.split(",") if k.strip()]
        if not key_list:
            raise ConfigError("PII_ENCRYPTION_KEYS is not set")
        if not hash_key:
            raise ConfigError("PII_HASH_KEY is not set")
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in key_list])
        except ValueError as exc:
            raise ConfigError("PII_ENCRYPTION_KEYS must be Fernet keys (kasuhara keys generate)") from exc
        self._hash_key = hash_key.encode()

    def encrypt_bytes(self, data: bytes) -> bytes:
        """Ciphertext of raw bytes (media evidence)."""
        return self._fernet.encrypt(data)

    def decrypt_bytes(self, token: bytes) -> bytes:
        """Raw bytes of a ciphertext made with any configured key."""
        return self._fernet.decrypt(token)

    def encrypt(self, plaintext: str) -> bytes:
        """Ciphertext of a UTF-8 string."""
        return self._fernet.encrypt(plaintext.encode("utf-8"))

    def decrypt(self, token: bytes) -> str:
        """Plaintext of a ciphertext made with any configured key."""
        try:
            return self._fernet.decrypt(token).decode("utf-8")
        except InvalidToken as exc:
            raise ConfigError(
                "cannot decrypt stored data: is the old key still in PII_ENCRYPTION_KEYS?"
            ) from exc

    def rotate(self, token: bytes) -> bytes:
        """The same plaintext re-encrypted under the newest key."""
        return self._fernet.rotate(token)

    def lookup_hash(self, value: str) -> str:
        """Stable keyed hash, for finding a complainant without storing the id in clear."""
        return hmac.new(self._hash_key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def generate_key() -> str:
    """A new Fernet key."""
    return Fernet.generate_key().decode()
