"""Field-level encryption and identifier hashing: round trips, rotation, and the development-key warning."""

import logging

import pytest
from cryptography.fernet import Fernet, InvalidToken
from pydantic import SecretStr

from ddp_referrals.adapters.field_cipher import DEVELOPMENT_ENCRYPTION_KEY, FieldCipher
from ddp_referrals.settings import KeySettings

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_a_value_round_trips_and_is_not_stored_in_the_clear() -> None:
    cipher = FieldCipher([OLD], "h")
    token = cipher.encrypt("Zebedee")
    assert "Zebedee" not in token and cipher.decrypt(token) == "Zebedee"
    assert cipher.encrypt("Zebedee") != token  # a fresh token each time: equal values do not show


def test_the_first_key_encrypts_and_every_key_decrypts() -> None:
    old_token = FieldCipher([OLD], "h").encrypt("X123456")
    both = FieldCipher([NEW, OLD], "h")
    assert both.decrypt(old_token) == "X123456"
    assert FieldCipher([NEW], "h").decrypt(both.encrypt("X123456")) == "X123456"


def test_rotation_moves_a_token_to_the_new_key_so_the_old_one_can_go() -> None:
    old_token = FieldCipher([OLD], "h").encrypt("X123456")
    rotated = FieldCipher([NEW, OLD], "h").rotate(old_token)
    assert FieldCipher([NEW], "h").decrypt(rotated) == "X123456"
    with pytest.raises(InvalidToken):
        FieldCipher([OLD], "h").decrypt(rotated)


def test_the_lookup_hash_depends_on_kind_value_and_key() -> None:
    cipher = FieldCipher([OLD], "key-1")
    assert cipher.digest("crn", "X123456") == FieldCipher([NEW], "key-1").digest("crn", "X123456")
    assert cipher.digest("crn", "X123456") != cipher.digest("crn", "X123457")
    assert cipher.digest("crn", "X123456") != cipher.digest("nomis_number", "X123456")
    assert cipher.digest("crn", "X123456") != FieldCipher([OLD], "key-2").digest("crn", "X123456")
    assert "X123456" not in cipher.digest("crn", "X123456")


def test_without_configured_keys_the_development_key_is_used_with_a_warning_that_names_no_key(caplog) -> None:
    with caplog.at_level(logging.WARNING):
        cipher = FieldCipher.from_settings(KeySettings())
    assert FieldCipher([DEVELOPMENT_ENCRYPTION_KEY], "x").decrypt(cipher.encrypt("v")) == "v"
    assert "DEVELOPMENT" in caplog.text and DEVELOPMENT_ENCRYPTION_KEY not in caplog.text


def test_configured_keys_are_used_in_order_and_never_logged(caplog) -> None:
    settings = KeySettings(encryption_keys=SecretStr(f"{NEW}, {OLD}"), identifier_hash_key=SecretStr("k"))
    with caplog.at_level(logging.DEBUG):
        cipher = FieldCipher.from_settings(settings)
    assert caplog.text == ""
    assert FieldCipher([NEW], "k").decrypt(cipher.encrypt("v")) == "v"
    assert NEW not in repr(settings)


def test_a_cipher_needs_both_keys() -> None:
    with pytest.raises(ValueError):
        FieldCipher([], "h")
    with pytest.raises(ValueError):
        FieldCipher([OLD], "")
