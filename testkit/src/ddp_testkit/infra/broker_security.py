"""The broker side of the platform's security, shared by the single node and the cluster.

Every listener is TLS with client certificates required (clients, brokers between
themselves, and the KRaft controllers, which cannot use SCRAM among themselves). The
certificate's common name is the principal; ``StandardAuthorizer`` denies whatever no ACL
allows; only the admin and the brokers' own identity are super users.
"""

from pathlib import Path

from testcontainers.core.container import DockerContainer

from ddp_cli.credentials import BROKER, BROKER_KEYSTORE
from ddp_schemas.connection import ADMIN, CA_CERTIFICATE

SECRETS_IN_CONTAINER = "/etc/kafka/secrets"
# The certificate's subject, as the broker formats it, may put the organisation before or after
# the common name: take the common name wherever it is.
PRINCIPAL_FROM_CERTIFICATE = "RULE:^.*CN=([^,]+).*$/$1/,DEFAULT"


def secure_broker(container: DockerContainer, credentials_root: Path) -> None:
    """Mount the broker's keystore read-only and turn on TLS, client authentication and ACLs."""
    # Absolute: the engine takes a relative path for the name of a volume, not a directory.
    container.with_volume_mapping(str((credentials_root / BROKER).resolve()), SECRETS_IN_CONTAINER, mode="ro")
    container.with_envs(
        KAFKA_SSL_KEYSTORE_TYPE="PEM",
        KAFKA_SSL_KEYSTORE_LOCATION=f"{SECRETS_IN_CONTAINER}/{BROKER_KEYSTORE}",
        KAFKA_SSL_TRUSTSTORE_TYPE="PEM",
        KAFKA_SSL_TRUSTSTORE_LOCATION=f"{SECRETS_IN_CONTAINER}/{CA_CERTIFICATE}",
        KAFKA_SSL_CLIENT_AUTH="required",
        KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM="https",
        KAFKA_SSL_PRINCIPAL_MAPPING_RULES=PRINCIPAL_FROM_CERTIFICATE,
        KAFKA_AUTHORIZER_CLASS_NAME="org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND="false",
        KAFKA_SUPER_USERS=f"User:{ADMIN};User:{BROKER}",
    )
