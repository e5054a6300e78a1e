"""The re-drive contract: a dead-lettered record copied, unchanged, to ``ddp.<service>.redrive``
with three headers saying where it was first read (its registry topic, partition and offset)."""

from collections.abc import Sequence

TOPIC_HEADER = "ddp_redrive_topic"
PARTITION_HEADER = "ddp_redrive_partition"
OFFSET_HEADER = "ddp_redrive_offset"
HEADERS = (TOPIC_HEADER, PARTITION_HEADER, OFFSET_HEADER)


def with_original_coordinates(
    headers: Sequence[tuple[str, bytes]], topic: str, partition: int, offset: int
) -> list[tuple[str, bytes]]:
    """The record's own headers plus its original coordinates (``topic`` is the registry name)."""
    kept = [h for h in headers if h[0] not in HEADERS]
    return [
        *kept,
        (TOPIC_HEADER, topic.encode()),
        (PARTITION_HEADER, str(partition).encode()),
        (OFFSET_HEADER, str(offset).encode()),
    ]
