"""Shared fixtures for the unit tests: the shipped topic registry and a valid wire referral.

Nothing here touches a network, a database or a container.
"""

from typing import Any

import pytest

from ddp_schemas.topics import TopicRegistry, load_topic_registry


@pytest.fixture(scope="session")
def registry() -> TopicRegistry:
    return load_topic_registry()


@pytest.fixture
def submitted_data() -> dict[str, Any]:
    """The data of a valid ``ddp.referral.submitted`` v1 from probation (fictional person)."""
    return {
        "agency_reference": "PRB-2026-000777",
        "mandate": {
            "type": "LICENCE",
            "reference": "LIC/2026/0007",
            "starts_on": "2026-01-05",
            "ends_on": "2029-01-04",
            "responsible_authority": "probation",
            "participation_required": True,
        },
        "identifiers": {"crn": "X765432", "nomis_number": "A9876ZY"},
        "personal_details": {"given_name": "Zebedee", "family_name": "Quillfeather", "date_of_birth": "1991-07-14"},
        "risk": {"mappa_category": 4, "mappa_level": 2},
        "assessed_needs": ["IDEOLOGY", "HOUSING"],
    }
