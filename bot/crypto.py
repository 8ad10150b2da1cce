"""Encryption at rest for complainant personal data, with key rotation, and keyed lookup hashes.

Values are sealed with AES-256-GCM (one library call, about 7x cheaper than Fernet, which matters on the
webhook's hot path). A token is `0x02 | key id (4) | nonce (12) | ciphertext+tag`; the key id names the
configured key it was sealed with, so rotation works like MultiFernet: seal with the newest key, open with
any. Each AES key is derived with HKDF from a configured key (Fernet-format, as before), and tokens
written as Fernet by earlier versions still open until `kasuhara keys rotate` rewrites them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.config import ConfigError, Settings

VERSION = b"\x02"
KEY_ID_BYTES = 4
NONCE_BYTES = 12  # random 96-bit nonces: safe far beyond this desk's volume per key
HEADER_BYTES = len(VERSION) + KEY_ID_BYTES


class _SealingKey:
    """One configured key: its id and the AES-GCM key derived from it."""

    def __init__(self, configured: str) -> None:
        raw = base64.urlsafe_b64decode(configured.encode())
        if len(raw) != 32:
            raise ValueError("not a 32-byte key")
        self.key_id = hashlib.sha256(b"kasuhara key id" + raw).digest()[:KEY_ID_BYTES]
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"kasuhara pii aes-256-gcm")
        self.aead = AESGCM(derived.derive(raw))
        self.header = VERSION + self.key_id


class PiiCipher:
    """Seals with the newest key, opens with any configured key."""

    def __init__(self, *, keys: str, hash_key: str) -> None:
        key_list = [k.strip() for k in keys.split(",") if k.strip()]
        if not key_list:
            raise ConfigError("PII_ENCRYPTION_KEYS is not set")
        if not hash_key:
            raise ConfigError("PII_HASH_KEY is not set")
        try:
            self._keys = [_SealingKey(k) for k in key_list]
            self._legacy = MultiFernet([Fernet(k.encode()) for k in key_list])
        except (ValueError, binascii.Error) as exc:
            raise ConfigError("PII_ENCRYPTION_KEYS must be Fernet keys (kasuhara keys generate)") from exc
        self._newest = self._keys[0]
        self._by_id = {key.key_id: key for key in reversed(self._keys)}
        self._hash_key = hash_key.encode()

    def encrypt(self, plaintext: str) -> bytes:
        """Ciphertext of a string, under the newest key."""
        return self.encrypt_bytes(plaintext.encode("utf-8"))

    def encrypt_bytes(self, plaintext: bytes) -> bytes:
        """Ciphertext of bytes (text already encoded, such as serialised JSON, or media evidence)."""
        key = self._newest
        nonce = os.urandom(NONCE_BYTES)
        return key.header + nonce + key.aead.encrypt(nonce, plaintext, key.header)

    def decrypt(self, token: bytes) -> str:
        """Plaintext of a ciphertext made with any configured key."""
        return self.decrypt_bytes(token).decode("utf-8")

    def decrypt_bytes(self, token: bytes) -> bytes:
        """The bytes sealed in a ciphertext made with any configured key."""
        if not token.startswith(VERSION):
            return self._decrypt_legacy(token)
        header = bytes(token[:HEADER_BYTES])
        key = self._by_id.get(header[len(VERSION) :])
        if key is None:
            raise ConfigError("cannot decrypt stored data: is the old key still in PII_ENCRYPTION_KEYS?")
        nonce = token[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        try:
            return key.aead.decrypt(nonce, token[HEADER_BYTES + NONCE_BYTES :], header)
        except InvalidTag as exc:
            raise ConfigError("cannot decrypt stored data: it was altered or the key is wrong") from exc

    def _decrypt_legacy(self, token: bytes) -> bytes:
        try:
            return self._legacy.decrypt(token)
        except InvalidToken as exc:
            raise ConfigError(
                "cannot decrypt stored data: is the old key still in PII_ENCRYPTION_KEYS?"
            ) from exc

    def needs_rotation(self, token: bytes) -> bool:
        """Whether the value is not yet sealed with the newest key."""
        return not token.startswith(self._newest.header)

    def rotate(self, token: bytes) -> bytes:
        """The same plaintext sealed with the newest key (unchanged if it already is)."""
        if not self.needs_rotation(token):
            return token
        return self.encrypt_bytes(self.decrypt_bytes(token))

    def lookup_hash(self, value: str) -> str:
        """Stable keyed hash, for finding a complainant without storing the id in clear."""
        return hmac.digest(self._hash_key, value.encode("utf-8"), "sha256").hex()


def generate_key() -> str:
    """A new key for PII_ENCRYPTION_KEYS (32 random bytes, url-safe base64, the Fernet key format)."""
    return Fernet.generate_key().decode()


def cipher_from(settings: Settings) -> PiiCipher:
    """The service's cipher: PII_ENCRYPTION_KEYS (newest first) and PII_HASH_KEY."""
    return PiiCipher(
        keys=settings.pii_encryption_keys.get_secret_value(),
        hash_key=settings.pii_hash_key.get_secret_value(),
    )


def audit_chain_key(hash_key: str) -> bytes:
    """The key of the audit log's hash chains, derived from PII_HASH_KEY (and used for nothing else)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"kasuhara audit chain v1")
    return derived.derive(hash_key.encode("utf-8"))
