"""The onboarding bundle: the party's own credentials, how to connect, and its two topics."""

import stat
from pathlib import Path

from ddp_cli.credentials import ensure_credentials
from ddp_cli.onboarding import PROPERTIES, README, write_bundle
from ddp_schemas.connection import CredentialStore
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry


def test_a_provider_gets_its_certificate_its_key_the_ca_and_its_two_topics(
    registry: TopicRegistry, tmp_path: Path
) -> None:
    store = CredentialStore(tmp_path / "credentials")
    ensure_credentials(store.root, registry)
    folder = write_bundle(store, registry, "provider-meridian", "kafka.example:9093", TopicNamespace(), tmp_path / "b")

    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["ca.crt", "client.crt", "client.key", PROPERTIES, README]
    )
    assert (folder / "client.crt").read_bytes() == (store.root / "provider-meridian" / "client.crt").read_bytes()
    assert stat.S_IMODE((folder / "client.key").stat().st_mode) == 0o600
    note = (folder / README).read_text()
    assert "You may write: ddp.inbound.provider-meridian\n" in note
    assert (
        "You may read:  ddp.outbound.provider-meridian (consumer groups named ddp.provider-meridian.<anything>)" in note
    )
    properties = (folder / PROPERTIES).read_text()
    assert "security.protocol=SSL" in properties and "partitioner=murmur2_random" in properties
    assert "BEGIN" not in properties + note, "the key travels as its own file, never inside the notes"
    other = [p for p in (store.root / "probation").iterdir()]
    assert all(p.read_bytes() not in [f.read_bytes() for f in folder.iterdir()] for p in other if p.name != "ca.crt")
