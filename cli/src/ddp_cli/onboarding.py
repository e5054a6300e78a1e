"""The bundle a new party is handed: its certificate and key, the CA, and how to connect.

Everything an agency's engineers need and nothing of anyone else's: the bundle holds the
party's own private key (0600), so it travels the way the programme hands over secrets.
"""

import shutil
from pathlib import Path

from ddp_cli.credentials import write_secret
from ddp_schemas.connection import CA_CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY, CredentialStore
from ddp_schemas.generation.acls import agency_group_prefix, consumer_group
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry

PROPERTIES = "client.properties"
README = "README.txt"


def write_bundle(
    store: CredentialStore,
    registry: TopicRegistry,
    principal: str,
    bootstrap_servers: str,
    namespace: TopicNamespace,
    out: Path,
) -> Path:
    """Copy ``principal``'s credentials into ``out`` with a librdkafka configuration and a note."""
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    source = store.bundle(principal)
    store.identity(principal)  # a missing bundle is reported before anything is written
    out.chmod(0o700)
    for name in (CA_CERTIFICATE, CLIENT_CERTIFICATE):
        shutil.copyfile(source / name, out / name)
    write_secret(out / CLIENT_KEY, (source / CLIENT_KEY).read_bytes())
    folder = out.resolve()
    writes = [namespace.physical(t.name) for t in registry.topics if principal in t.producers]
    reads = [namespace.physical(t.name) for t in registry.topics if principal in registry.readers(t)]
    properties = [
        f"bootstrap.servers={bootstrap_servers}",
        "security.protocol=SSL",
        f"ssl.ca.location={folder / CA_CERTIFICATE}",
        f"ssl.certificate.location={folder / CLIENT_CERTIFICATE}",
        f"ssl.key.location={folder / CLIENT_KEY}",
        # librdkafka's default partitioner (CRC32) differs from Java's and aiokafka's (murmur2):
        # without this, records of one key land on another partition and lose their order.
        "partitioner=murmur2_random",
    ]
    write_secret(out / PROPERTIES, ("\n".join(properties) + "\n").encode())
    if principal in registry.services:
        groups = f"consumer group {namespace.physical(consumer_group(principal))}"
    else:
        groups = f"consumer groups named {namespace.physical(agency_group_prefix(principal))}<anything>"
    note = [
        f"DDP coordination platform: connection bundle for {principal}",
        "",
        f"Bootstrap servers: {bootstrap_servers}",
        "Security: mutual TLS (SSL). The broker knows you by your certificate's common name.",
        f"  {CA_CERTIFICATE}      the platform's certificate authority: trust it for the broker",
        f"  {CLIENT_CERTIFICATE}  your certificate (CN={principal})",
        f"  {CLIENT_KEY}  your private key: keep it 0600, never put it in logs or on a command line",
        f"  {PROPERTIES}  librdkafka settings (confluent-kafka, kcat -F {PROPERTIES})",
        "",
        f"You may write: {', '.join(writes) or 'nothing'}",
        f"You may read:  {', '.join(reads) or 'nothing'}" + (f" ({groups})" if reads else ""),
        "Everything else is refused by the broker (TOPIC_AUTHORIZATION_FAILED).",
        "Key every record as the contract says and hash keys with murmur2 (librdkafka: partitioner=murmur2_random).",
    ]
    (out / README).write_text("\n".join(note) + "\n")
    return folder
