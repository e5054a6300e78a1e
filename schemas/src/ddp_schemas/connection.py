"""How a party connects to the platform's Kafka: mutual TLS, one certificate per principal.

The broker maps a client certificate's common name to its principal (``CN=probation`` is
``User:probation``) and authorizes every request against the ACLs generated from the topic
registry. A credentials directory holds one bundle per principal::

    <dir>/<principal>/ca.crt       the platform's certificate authority (trust anchor)
    <dir>/<principal>/client.crt   the principal's certificate, CN=<principal>
    <dir>/<principal>/client.key   its private key (0600, never logged, never on a command line)

Plaintext exists only for explicit local debugging (``KafkaAccess(..., identity=None)``).
"""

import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The people who run the platform, as the broker knows them.
OPERATOR = "operator"  # on-call: reads what the registry lets it read, changes nothing
ADMIN = "admin"  # provisioning, ACLs, re-drive: the broker's super user

CA_CERTIFICATE = "ca.crt"
CLIENT_CERTIFICATE = "client.crt"
CLIENT_KEY = "client.key"


class MissingCredentials(Exception):
    """A principal's bundle is absent; the message names the principal and the directory, never a secret."""


@dataclass(frozen=True)
class TlsIdentity:
    """A principal's certificate and key, and the authority that signs the broker's certificate."""

    ca_file: Path
    cert_file: Path
    key_file: Path
    key_password: str | None = field(default=None, repr=False)

    def ssl_context(self) -> ssl.SSLContext:
        # Hostname verification stays on: the broker's certificate names the addresses it serves.
        context = ssl.create_default_context(cafile=str(self.ca_file))
        context.load_cert_chain(str(self.cert_file), str(self.key_file), password=self.key_password)
        return context


@dataclass(frozen=True)
class KafkaAccess:
    """The broker's address and who to be there: everything a Kafka client needs to connect."""

    bootstrap_servers: str
    principal: str
    identity: TlsIdentity | None

    @property
    def brokers(self) -> list[str]:
        """The bootstrap servers as a list (a comma-separated string is one host to some clients)."""
        return [server.strip() for server in self.bootstrap_servers.split(",") if server.strip()]

    @property
    def secured(self) -> bool:
        return self.identity is not None

    def ssl_context(self) -> ssl.SSLContext | None:
        return self.identity.ssl_context() if self.identity else None

    def aiokafka(self) -> dict[str, Any]:
        """Keyword arguments for aiokafka's producer, consumer and admin clients."""
        if self.identity is None:
            return {"bootstrap_servers": self.brokers, "security_protocol": "PLAINTEXT"}
        return {"bootstrap_servers": self.brokers, "security_protocol": "SSL", "ssl_context": self.ssl_context()}

    def librdkafka(self) -> dict[str, str]:
        """Configuration for librdkafka clients (confluent-kafka, kcat's ``-X``)."""
        config = {"bootstrap.servers": self.bootstrap_servers}
        if self.identity is None:
            return config | {"security.protocol": "PLAINTEXT"}
        config |= {
            "security.protocol": "SSL",
            "ssl.ca.location": str(self.identity.ca_file),
            "ssl.certificate.location": str(self.identity.cert_file),
            "ssl.key.location": str(self.identity.key_file),
        }
        if self.identity.key_password is not None:
            config["ssl.key.password"] = self.identity.key_password
        return config


@dataclass(frozen=True)
class CredentialStore:
    """A directory of per-principal bundles (see the module's docstring)."""

    root: Path

    def bundle(self, principal: str) -> Path:
        return self.root / principal

    def has(self, principal: str) -> bool:
        folder = self.bundle(principal)
        return all((folder / name).is_file() for name in (CA_CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY))

    def identity(self, principal: str) -> TlsIdentity:
        if not self.has(principal):
            raise MissingCredentials(
                f"no credentials for principal {principal!r} in {self.root}: expected "
                f"{principal}/{CA_CERTIFICATE}, {principal}/{CLIENT_CERTIFICATE} and {principal}/{CLIENT_KEY}"
            )
        folder = self.bundle(principal)
        return TlsIdentity(folder / CA_CERTIFICATE, folder / CLIENT_CERTIFICATE, folder / CLIENT_KEY)


@dataclass(frozen=True)
class KafkaEndpoint:
    """A cluster and the credentials of every principal that may connect to it."""

    bootstrap_servers: str
    credentials: CredentialStore | None  # None: a plaintext broker, for explicit local debugging only

    def access(self, principal: str) -> KafkaAccess:
        identity = self.credentials.identity(principal) if self.credentials else None
        return KafkaAccess(self.bootstrap_servers, principal, identity)
