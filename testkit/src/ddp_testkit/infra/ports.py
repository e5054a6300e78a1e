"""Free loopback ports for containers whose advertised address must equal the published one."""

import socket


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def publish_on_loopback(container: object, container_port: int, host_port: int) -> None:
    """Publish ``container_port`` on 127.0.0.1 only, whatever the engine's default address."""
    # testcontainers' with_bind_ports takes no host address; docker accepts (address, port).
    container.ports[str(container_port)] = ("127.0.0.1", host_port)  # type: ignore[attr-defined]
