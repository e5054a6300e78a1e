"""Machine-readable reason codes, shared by rejections and dead letters.

A reason code names what was wrong, never the content that was wrong: no reason carries
personal data or free text from the sender.
"""

# The record itself
NULL_VALUE = "NULL_VALUE"
OVERSIZED = "OVERSIZED"
UNPARSEABLE = "UNPARSEABLE"
INVALID_ENVELOPE = "INVALID_ENVELOPE"
UNKNOWN_TYPE = "UNKNOWN_TYPE"
UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION"
SCHEMA_VIOLATION = "SCHEMA_VIOLATION"
ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED"
ID_CONFLICT = "ID_CONFLICT"
HANDLER_ERROR = "HANDLER_ERROR"

# Referral screening
MANDATE_NOT_CURRENT = "MANDATE_NOT_CURRENT"
AUTHORITY_MISMATCH = "AUTHORITY_MISMATCH"
CONSENT_MISSING = "CONSENT_MISSING"
DATES_INCOHERENT = "DATES_INCOHERENT"
IDENTIFIERS_MISSING = "IDENTIFIERS_MISSING"

DESCRIPTIONS: dict[str, str] = {
    NULL_VALUE: "The record has no value (a tombstone); events must carry a JSON body.",
    OVERSIZED: "The record is larger than the platform accepts for its topic.",
    UNPARSEABLE: "The value is not a JSON object with content-type application/json.",
    INVALID_ENVELOPE: (
        "A required CloudEvents header (ce_id, ce_source, ce_type, ce_specversion, ce_dataversion)"
        " is missing or malformed."
    ),
    UNKNOWN_TYPE: "ce_type names no event type the platform knows.",
    UNSUPPORTED_VERSION: "ce_dataversion is not a version of this event type that the platform reads.",
    SCHEMA_VIOLATION: "The data does not match the event type's schema; see the listed fields.",
    ORIGIN_NOT_ALLOWED: "This event type may not be sent on this inbound topic.",
    ID_CONFLICT: "An event with this ce_id was already processed with a different body; use a new id for a new event.",
    HANDLER_ERROR: "The platform could not apply this event; it was set aside for engineers to re-drive.",
    MANDATE_NOT_CURRENT: "The mandate has ended or has not started; a mandated referral needs a current mandate.",
    AUTHORITY_MISMATCH: "The mandate's responsible authority is not the agency that sent the referral.",
    CONSENT_MISSING: "A voluntary referral must record the person's consent.",
    DATES_INCOHERENT: "The mandate ends before it starts.",
    IDENTIFIERS_MISSING: (
        "The referral carries none of the identifiers this agency holds (CRN, PNC, NOMIS, Home Office reference)."
    ),
}
