"""Personal data at rest: AES-GCM tokens, key rotation, and tokens written as Fernet by earlier versions."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from bot.config import ConfigError
from bot.crypto import PiiCipher, generate_key

HASH_KEY = "hash-key"


def test_round_trip_hides_the_plaintext() -> None:
    cipher = PiiCipher(keys=generate_key(), hash_key=HASH_KEY)
    token = cipher.encrypt("山田花子 090-1234-5678")
    assert b"090" not in token and "山田".encode() not in token
    assert cipher.decrypt(token) == "山田花子 090-1234-5678"
    assert cipher.encrypt("same") != cipher.encrypt("same")  # a fresh nonce each time


def test_old_keys_open_and_rotation_reseals_with_the_newest() -> None:
    old, new = generate_key(), generate_key()
    before = PiiCipher(keys=old, hash_key=HASH_KEY).encrypt("secret")
    both = PiiCipher(keys=f"{new},{old}", hash_key=HASH_KEY)
    assert both.decrypt(before) == "secret"
    assert both.needs_rotation(before)
    rotated = both.rotate(before)
    assert not both.needs_rotation(rotated) and both.rotate(rotated) is rotated
    assert PiiCipher(keys=new, hash_key=HASH_KEY).decrypt(rotated) == "secret"
    with pytest.raises(ConfigError, match="old key"):
        PiiCipher(keys=new, hash_key=HASH_KEY).decrypt(before)


def test_fernet_tokens_from_earlier_versions_still_open_and_rotate() -> None:
    key = generate_key()
    legacy = Fernet(key.encode()).encrypt("お客様の声".encode())
    cipher = PiiCipher(keys=key, hash_key=HASH_KEY)
    assert cipher.decrypt(legacy) == "お客様の声"
    assert cipher.needs_rotation(legacy)
    assert cipher.decrypt(cipher.rotate(legacy)) == "お客様の声"


def test_altered_tokens_are_refused() -> None:
    cipher = PiiCipher(keys=generate_key(), hash_key=HASH_KEY)
    token = bytearray(cipher.encrypt("secret"))
    token[-1] ^= 1
    with pytest.raises(ConfigError, match="altered"):
        cipher.decrypt(bytes(token))


def test_bad_keys_are_named() -> None:
    with pytest.raises(ConfigError, match="PII_ENCRYPTION_KEYS must be Fernet keys"):
        PiiCipher(keys="not-a-key", hash_key=HASH_KEY)
    with pytest.raises(ConfigError, match="PII_HASH_KEY"):
        PiiCipher(keys=generate_key(), hash_key="")
