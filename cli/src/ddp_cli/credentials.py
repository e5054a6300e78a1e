"""A development certificate authority and one mutual-TLS bundle per principal, made on first run.

Everything lands in a git-ignored directory (``.ddp/credentials`` by default). Private keys
are written 0600 and never printed. A second run issues only what is missing, so onboarding
one agency after adding it to the registry leaves every other party's certificate as it is.

Production deployments replace this authority with their own PKI: the broker trusts one CA,
and each party's certificate carries its principal as the common name.
"""

import datetime
import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ddp_schemas.connection import CA_CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY, CredentialStore
from ddp_schemas.topics import TopicRegistry

BROKER = "broker"  # the identity brokers and controllers present to each other and to clients
BROKER_KEYSTORE = "keystore.pem"  # key, certificate and CA in one PEM file: Kafka's PEM keystore
# Every name a broker is reached by: clients on this host, and nodes of a cluster by container name.
BROKER_NAMES = ("localhost", *(f"kafka-{node}" for node in range(1, 10)))
BROKER_ADDRESSES = ("127.0.0.1",)
_VALIDITY = datetime.timedelta(days=365)
_ORGANISATION = "DDP development"


@dataclass(frozen=True)
class CertificateAuthority:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, name: str = "DDP development CA") -> "CertificateAuthority":
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name), _organisation()])
        now = _now()
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + 5 * _VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(**_usage(key_cert_sign=True, crl_sign=True)), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)

    @classmethod
    def load(cls, folder: Path) -> "CertificateAuthority":
        key = serialization.load_pem_private_key((folder / "ca.key").read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return cls(key, x509.load_pem_x509_certificate((folder / CA_CERTIFICATE).read_bytes()))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_secret(folder / "ca.key", _private_pem(self.key))
        (folder / CA_CERTIFICATE).write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))

    def issue(
        self,
        common_name: str,
        *,
        server_names: Iterable[str] = (),
        server_addresses: Iterable[str] = (),
        not_before: datetime.datetime | None = None,
        valid_for: datetime.timedelta = _VALIDITY,
    ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """A key and a certificate for ``common_name``; with server names it may serve TLS too."""
        key = ec.generate_private_key(ec.SECP256R1())
        start = not_before or _now() - datetime.timedelta(minutes=5)
        names = list(server_names)
        addresses = list(server_addresses)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name), _organisation()]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + valid_for)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**_usage(digital_signature=True, key_agreement=True)), critical=True)
        )
        usages = [ExtendedKeyUsageOID.CLIENT_AUTH]
        if names or addresses:
            usages.append(ExtendedKeyUsageOID.SERVER_AUTH)
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address(a)) for a in addresses]
                ),
                critical=False,
            )
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages), critical=False)
        return key, builder.sign(self.key, hashes.SHA256())

    def write_bundle(self, folder: Path, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> None:
        """``ca.crt``, ``client.crt`` and ``client.key`` (0600) in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        (folder / CA_CERTIFICATE).write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        (folder / CLIENT_CERTIFICATE).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        write_secret(folder / CLIENT_KEY, _private_pem(key))


@dataclass(frozen=True)
class IssueResult:
    issued: list[str]
    kept: list[str]


def ensure_credentials(root: Path, registry: TopicRegistry) -> IssueResult:
    """The CA, the broker's keystore and a bundle for every principal, issuing only what is missing."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca_folder = root / "ca"
    if (ca_folder / "ca.key").is_file():
        authority = CertificateAuthority.load(ca_folder)
    else:
        authority = CertificateAuthority.create()
        authority.save(ca_folder)
    store = CredentialStore(root)
    issued, kept = [], []
    for principal in registry.principals:
        if store.has(principal):
            kept.append(principal)
            continue
        authority.write_bundle(store.bundle(principal), *authority.issue(principal))
        issued.append(principal)
    if not (root / BROKER / BROKER_KEYSTORE).is_file():
        write_broker_keystore(authority, root / BROKER)
        issued.append(BROKER)
    else:
        kept.append(BROKER)
    return IssueResult(issued, kept)


def write_broker_keystore(authority: CertificateAuthority, folder: Path) -> None:
    """Kafka's PEM keystore (key, certificate, CA in one file) and truststore, readable by the broker only.

    The broker runs as uid 1000 in its image; the files are handed to that uid when this
    process may do so (root), otherwise they stay this user's own.
    """
    key, certificate = authority.issue(BROKER, server_names=BROKER_NAMES, server_addresses=BROKER_ADDRESSES)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca_pem = authority.certificate.public_bytes(serialization.Encoding.PEM)
    write_secret(
        folder / BROKER_KEYSTORE, _private_pem(key) + certificate.public_bytes(serialization.Encoding.PEM) + ca_pem
    )
    (folder / CA_CERTIFICATE).write_bytes(ca_pem)
    if os.geteuid() == 0:
        for path in (folder, folder / BROKER_KEYSTORE, folder / CA_CERTIFICATE):
            os.chown(path, 1000, 1000)


def write_secret(path: Path, content: bytes) -> None:
    # Created 0600 from the start: the key is never readable by others, not even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.chmod(path, 0o600)


def _private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    # Unencrypted PKCS#8: Java 17's PEM keystore cannot read the encrypted form cryptography writes.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _organisation() -> x509.NameAttribute:
    return x509.NameAttribute(NameOID.ORGANIZATION_NAME, _ORGANISATION)


def _usage(**enabled: bool) -> dict[str, bool]:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return {name: enabled.get(name, False) for name in names}


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
