"""Where media evidence is kept: a small interface, and a local folder (encrypted files) by default."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from typing import Protocol

from bot.crypto import PiiCipher


class BlobStore(Protocol):
    """Stores bytes under a key derived from their content; the same bytes give the same key."""

    async def put(self, data: bytes) -> str:
        """Store the bytes; returns their key."""
        ...

    async def get(self, key: str) -> bytes:
        """The bytes stored under the key (KeyError when missing)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the bytes stored under the key (nothing when already gone)."""
        ...


class LocalBlobStore:
    """Files under a folder, encrypted with the personal-data keys, named by the SHA-256 of the content."""

    def __init__(self, root: str | Path, cipher: PiiCipher) -> None:
        self._root = Path(root)
        self._cipher = cipher

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise KeyError(key)
        return self._root / key[:2] / key

    async def put(self, data: bytes) -> str:
        """Store the bytes (once: a second put of the same content changes nothing)."""
        key = hashlib.sha256(data).hexdigest()
        path = self._path(key)
        if not path.exists():
            sealed = self._cipher.encrypt_bytes(data)
            await asyncio.to_thread(_write_atomically, path, sealed)
        return key

    async def get(self, key: str) -> bytes:
        """The stored bytes, decrypted."""
        path = self._path(key)
        try:
            sealed = await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise KeyError(key) from None
        return self._cipher.decrypt_bytes(sealed)

    async def delete(self, key: str) -> None:
        """Remove the file (missing is fine: a purge run again after a crash)."""
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)


async def rotate_blobs(root: str | Path, cipher: PiiCipher) -> int:
    """Re-encrypt every blob of a local store under the newest key; returns how many files were rewritten."""
    folder = Path(root)
    files = await asyncio.to_thread(lambda: [p for p in folder.glob("??/*") if p.is_file()])
    for path in files:
        sealed = await asyncio.to_thread(path.read_bytes)
        await asyncio.to_thread(_write_atomically, path, cipher.rotate(sealed))
    return len(files)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
