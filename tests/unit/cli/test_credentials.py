"""The development CA and per-principal bundles: issued once, keys private, certificates naming the principal."""

import datetime
import stat
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ddp_cli.credentials import BROKER, BROKER_KEYSTORE, ensure_credentials
from ddp_schemas.connection import CredentialStore, MissingCredentials
from ddp_schemas.topics import TopicRegistry


def _certificate(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_every_principal_gets_a_bundle_whose_certificate_names_it(registry: TopicRegistry, tmp_path: Path) -> None:
    result = ensure_credentials(tmp_path, registry)
    store = CredentialStore(tmp_path)
    assert set(result.issued) == {*registry.principals, BROKER}
    for principal in registry.principals:
        identity = store.identity(principal)
        certificate = _certificate(identity.cert_file)
        [common_name] = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert common_name.value == principal
        assert certificate.issuer == _certificate(identity.ca_file).subject
        usages = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        assert list(usages) == [ExtendedKeyUsageOID.CLIENT_AUTH]


def test_private_keys_are_readable_by_their_owner_only(registry: TopicRegistry, tmp_path: Path) -> None:
    ensure_credentials(tmp_path, registry)
    keys = [*tmp_path.glob("*/client.key"), tmp_path / "ca" / "ca.key", tmp_path / BROKER / BROKER_KEYSTORE]
    assert len(keys) == len(registry.principals) + 2
    assert all(stat.S_IMODE(key.stat().st_mode) == 0o600 for key in keys)


def test_a_second_run_issues_nothing_and_keeps_every_certificate(registry: TopicRegistry, tmp_path: Path) -> None:
    ensure_credentials(tmp_path, registry)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.crt")}
    again = ensure_credentials(tmp_path, registry)
    assert again.issued == [] and len(again.kept) == len(registry.principals) + 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.crt")} == before


def test_a_removed_bundle_is_reissued_under_the_same_authority(registry: TopicRegistry, tmp_path: Path) -> None:
    ensure_credentials(tmp_path, registry)
    authority = (tmp_path / "ca" / "ca.crt").read_bytes()
    for file in (tmp_path / "probation").iterdir():
        file.unlink()
    assert ensure_credentials(tmp_path, registry).issued == ["probation"]
    assert (tmp_path / "probation" / "ca.crt").read_bytes() == authority


def test_the_broker_certificate_serves_every_name_clients_and_nodes_use(
    registry: TopicRegistry, tmp_path: Path
) -> None:
    ensure_credentials(tmp_path, registry)
    keystore = (tmp_path / BROKER / BROKER_KEYSTORE).read_bytes()
    leaf = x509.load_pem_x509_certificates(keystore[keystore.index(b"-----BEGIN CERTIFICATE-----") :])[0]
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"localhost", "kafka-1", "kafka-3"} <= set(names.get_values_for_type(x509.DNSName))
    assert "127.0.0.1" in {str(a) for a in names.get_values_for_type(x509.IPAddress)}
    assert leaf.not_valid_after_utc > datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=300)


def test_a_missing_bundle_is_named_without_showing_anything_secret(tmp_path: Path) -> None:
    try:
        CredentialStore(tmp_path).identity("admin")
    except MissingCredentials as missing:
        assert "admin" in str(missing) and str(tmp_path) in str(missing)
    else:
        raise AssertionError("a missing bundle must be reported")
