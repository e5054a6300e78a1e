"""Only a certificate the platform's CA issued, still valid, with its own key, gets a connection to the broker.

Each refused connection is refused for its own reason, and the test says which: the broker's TLS
alert (certificate required, certificate unknown), the client's own refusal to pair a certificate
with a key that is not its own, or a plaintext request answered with a TLS alert. In each case a
Kafka client cannot even start, so it cannot produce. The real bundle is the control: the same
code with it connects and writes.
"""

import asyncio
import datetime
import socket
import ssl
import struct
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from confluent_kafka import KafkaException, Producer

from ddp_cli.credentials import CertificateAuthority
from ddp_schemas.connection import CA_CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY, TlsIdentity
from ddp_schemas.topics import load_topic_registry

pytestmark = [pytest.mark.docker, pytest.mark.kafka]

AGENCY = "probation"
START_TIMEOUT = 10.0  # a refusal comes within milliseconds; this only bounds a broken test
# TLS record content type 21 is an alert; level 2 is fatal.
TLS_ALERT, FATAL = 0x15, 2


def trust_anchor(credentials: Path) -> Path:
    """The platform CA's certificate: every refused client still trusts the real broker."""
    return credentials / AGENCY / CA_CERTIFICATE


def broker_answer(kafka, context: ssl.SSLContext) -> ssl.SSLError | None:
    """Complete a TLS handshake as ``context`` and read: the broker's alert, or None if it kept the connection.

    With TLS 1.3 the client's side of the handshake finishes before the broker has judged the
    client's certificate, so the broker's verdict arrives as an alert on the first read.
    """
    with socket.create_connection(("127.0.0.1", kafka.port), timeout=5) as raw:
        try:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                tls.sendall(api_versions_request())
                tls.recv(4)
        except ssl.SSLError as alert:
            return alert
    return None


def api_versions_request() -> bytes:
    """The first request every Kafka client sends (ApiVersions v0), framed as on the wire."""
    body = struct.pack(">hhih", 18, 0, 1, len(b"probe")) + b"probe"
    return struct.pack(">i", len(body)) + body


async def cannot_start(kafka, **connection: object) -> KafkaConnectionError:
    """A producer with these connection settings fails to start: it never gets to produce."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers, request_timeout_ms=3000, **connection)
    try:
        with pytest.raises(KafkaConnectionError) as refused:
            await asyncio.wait_for(producer.start(), START_TIMEOUT)
    finally:
        await producer.stop()
    return refused.value


def tls(credentials: Path, certificate: Path, key: Path) -> ssl.SSLContext:
    return TlsIdentity(trust_anchor(credentials), certificate, key).ssl_context()


async def test_the_real_bundle_connects_and_writes_its_own_inbound_topic(kafka, namespace, credentials):
    assert broker_answer(kafka, tls(credentials, *bundle(credentials / AGENCY))) is None
    producer = AIOKafkaProducer(**kafka.access(AGENCY).aiokafka(), request_timeout_ms=3000)
    await asyncio.wait_for(producer.start(), START_TIMEOUT)
    try:
        topic = namespace.physical(load_topic_registry().inbound_topic(AGENCY))
        written = await asyncio.wait_for(producer.send_and_wait(topic, b"{}", key=b"control"), START_TIMEOUT)
    finally:
        await producer.stop()
    assert written.offset == 0


async def test_a_client_without_a_certificate_is_refused_at_the_handshake(kafka, credentials):
    no_certificate = ssl.create_default_context(cafile=str(trust_anchor(credentials)))
    alert = broker_answer(kafka, no_certificate)
    assert alert is not None and alert.reason == "TLSV13_ALERT_CERTIFICATE_REQUIRED"
    await cannot_start(kafka, security_protocol="SSL", ssl_context=no_certificate)


async def test_a_certificate_naming_a_principal_from_another_ca_is_refused(kafka, credentials, tmp_path):
    # A forged identity: CN=probation, exactly what the broker maps to User:probation, signed by a stranger.
    stranger = CertificateAuthority.create("Not the DDP CA")
    stranger.write_bundle(tmp_path, *stranger.issue(AGENCY))
    forged = tls(credentials, *bundle(tmp_path))
    alert = broker_answer(kafka, forged)
    assert alert is not None and alert.reason == "SSLV3_ALERT_CERTIFICATE_UNKNOWN"
    await cannot_start(kafka, security_protocol="SSL", ssl_context=forged)


async def test_an_expired_certificate_from_the_real_ca_is_refused(kafka, credentials, tmp_path):
    authority = CertificateAuthority.load(credentials / "ca")
    a_week_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
    authority.write_bundle(
        tmp_path, *authority.issue(AGENCY, not_before=a_week_ago, valid_for=datetime.timedelta(days=1))
    )
    expired = tls(credentials, *bundle(tmp_path))
    alert = broker_answer(kafka, expired)
    # Java's TLS reports an expired chain as "certificate unknown", as it does an unknown issuer.
    assert alert is not None and alert.reason == "SSLV3_ALERT_CERTIFICATE_UNKNOWN"
    await cannot_start(kafka, security_protocol="SSL", ssl_context=expired)


async def test_a_certificate_with_a_key_that_is_not_its_own_is_refused_by_the_client(kafka, credentials, tmp_path):
    # mTLS's "wrong password": the real, valid certificate with some other key. Both client
    # libraries refuse the pair before any connection, so this refusal is the client's: it would
    # fail the handshake's proof of possession anyway, and the broker never sees the attempt.
    authority = CertificateAuthority.load(credentials / "ca")
    authority.write_bundle(tmp_path, *authority.issue(AGENCY))
    certificate, other_key = credentials / AGENCY / CLIENT_CERTIFICATE, tmp_path / CLIENT_KEY
    with pytest.raises(ssl.SSLError) as python:
        tls(credentials, certificate, other_key)
    assert python.value.reason == "KEY_VALUES_MISMATCH"
    librdkafka = {
        **kafka.access(AGENCY).librdkafka(),
        "ssl.key.location": str(other_key),
    }
    with pytest.raises(KafkaException, match="key values mismatch"):
        Producer(librdkafka)


async def test_plaintext_to_the_tls_port_is_answered_with_a_tls_alert(kafka):
    with socket.create_connection(("127.0.0.1", kafka.port), timeout=5) as raw:
        raw.sendall(api_versions_request())
        answer = b""
        while chunk := raw.recv(64):
            answer += chunk
    assert answer[:1] == bytes([TLS_ALERT]) and answer[5] == FATAL, answer  # then the broker hangs up
    await cannot_start(kafka, security_protocol="PLAINTEXT")


def bundle(folder: Path) -> tuple[Path, Path]:
    return folder / CLIENT_CERTIFICATE, folder / CLIENT_KEY
