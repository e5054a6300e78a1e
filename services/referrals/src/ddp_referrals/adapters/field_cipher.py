"""Field-level encryption of personal data, and keyed hashes to look identifiers up without decrypting.

Each value is its own Fernet token (MultiFernet: the first key encrypts, every key decrypts,
so keys rotate without downtime). Identifiers are found by an HMAC-SHA256 of kind and value.
"""

import base64
import hashlib
import hmac
import logging
from collections.abc import Sequence

from cryptography.fernet import Fernet, MultiFernet

from ddp_referrals.settings import KeySettings

log = logging.getLogger(__name__)

# For development and tests only: known to everyone, so it protects nothing.
DEVELOPMENT_ENCRYPTION_KEY = base64.urlsafe_b64encode(b"ddp-development-only-not-secret!").decode()
DEVELOPMENT_HASH_KEY = "ddp-development-only-identifier-hash-key"


class FieldCipher:
    def __init__(self, encryption_keys: Sequence[str], hash_key: str) -> None:
        if not encryption_keys or not hash_key:
            raise ValueError("an encryption key and an identifier hash key are required")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in encryption_keys])
        self._hash_key = hash_key.encode()

    @classmethod
    def from_settings(cls, settings: KeySettings) -> "FieldCipher":
        """The configured keys, or the development keys with a loud warning (never the keys themselves)."""
        keys = [k.strip() for k in settings.encryption_keys.get_secret_value().split(",") if k.strip()]
        hash_key = settings.identifier_hash_key.get_secret_value()
        if not keys or not hash_key:
            log.warning(
                "referrals: DDP_REFERRALS_ENCRYPTION_KEYS or DDP_REFERRALS_IDENTIFIER_HASH_KEY is not set;"
                " personal data is protected by the built-in DEVELOPMENT key. Production must set both."
            )
        return cls(keys or [DEVELOPMENT_ENCRYPTION_KEY], hash_key or DEVELOPMENT_HASH_KEY)

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()

    def rotate(self, token: str) -> str:
        """The same value re-encrypted under the first (current) key."""
        return self._fernet.rotate(token.encode()).decode()

    def digest(self, kind: str, value: str) -> str:
        """The lookup hash of an identifier; the same for the same kind and value under one hash key."""
        return hmac.new(self._hash_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
