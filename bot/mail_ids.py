"""The Message-IDs of the desk's own mails: a reply to one of them names its case, and only the desk can
make one (a keyed tag), so a forged In-Reply-To cannot put words into someone else's case.

`<c{case id}.{nonce}.{tag}@{domain}>`: the nonce makes each mail's id unique (derived from the outbox key,
so that a retried send keeps its id); the tag is the keyed hash of the case id and the nonce.
"""

from __future__ import annotations

import hashlib
import re

from bot.crypto import PiiCipher

_DESK_ID = re.compile(r"^<?c(\d+)\.([0-9a-f]{16})\.([0-9a-f]{20})@([^>\s]+)>?$")


def desk_message_id(cipher: PiiCipher, *, case_id: int, key: str, domain: str) -> str:
    """The Message-ID of the desk's mail about `case_id` sent under the outbox key `key`."""
    nonce = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"<c{case_id}.{nonce}.{_tag(cipher, case_id, nonce)}@{domain}>"


def case_of_desk_message_id(cipher: PiiCipher, message_id: str, *, domain: str) -> int | None:
    """The case a Message-ID of the desk's names, or None (someone else's id, or a forged one)."""
    found = _DESK_ID.match(message_id.strip())
    if found is None or found.group(4).lower() != domain.lower():
        return None
    case_id, nonce, tag = int(found.group(1)), found.group(2), found.group(3)
    return case_id if tag == _tag(cipher, case_id, nonce) else None


def _tag(cipher: PiiCipher, case_id: int, nonce: str) -> str:
    return cipher.lookup_hash(f"mail-id:{case_id}:{nonce}")[:20]
