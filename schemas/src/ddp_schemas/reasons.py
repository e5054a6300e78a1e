"""Machine-readable reason codes, shared by rejections and dead letters.

A reason code names what was wrong, never the content that was wrong: no reason carries
personal data or free text from the sender.
"""

# The record itself
NULL_VALUE = "NULL_VALUE"
OVERSIZED = "OVERSIZED"
INVALID_KEY = "INVALID_KEY"
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
IDENTIFIER_INVALID = "IDENTIFIER_INVALID"

# Interventions
UNKNOWN_CASE = "UNKNOWN_CASE"
PLAN_MISMATCH = "PLAN_MISMATCH"
PLAN_ALREADY_AGREED = "PLAN_ALREADY_AGREED"
PLAN_NOT_AGREED = "PLAN_NOT_AGREED"
KIND_ALREADY_PLANNED = "KIND_ALREADY_PLANNED"
PLAN_WOULD_BE_EMPTY = "PLAN_WOULD_BE_EMPTY"
UNKNOWN_INTERVENTION = "UNKNOWN_INTERVENTION"
INTERVENTION_NOT_ACTIVE = "INTERVENTION_NOT_ACTIVE"
NOT_A_PROVIDER = "NOT_A_PROVIDER"
NOT_ASSIGNED_PROVIDER = "NOT_ASSIGNED_PROVIDER"
PROVIDER_REASSIGNED = "PROVIDER_REASSIGNED"
ASSIGNMENT_NOT_PENDING = "ASSIGNMENT_NOT_PENDING"
ASSIGNMENT_NOT_ACCEPTED = "ASSIGNMENT_NOT_ACCEPTED"
CASE_SUSPENDED = "CASE_SUSPENDED"
CASE_CLOSED = "CASE_CLOSED"
UNKNOWN_SESSION = "UNKNOWN_SESSION"
SESSION_ID_IN_USE = "SESSION_ID_IN_USE"
SESSION_NOT_SCHEDULED = "SESSION_NOT_SCHEDULED"
ATTENDANCE_ALREADY_RECORDED = "ATTENDANCE_ALREADY_RECORDED"
ATTENDANCE_NOT_RECORDED = "ATTENDANCE_NOT_RECORDED"
OCCURRED_IN_FUTURE = "OCCURRED_IN_FUTURE"

# Referrals: changes to a referral, its mandate, custody and identity
REFERRAL_UNKNOWN = "REFERRAL_UNKNOWN"
REFERRAL_CONFLICT = "REFERRAL_CONFLICT"
REFERRAL_NOT_ACCEPTED = "REFERRAL_NOT_ACCEPTED"
REFERRAL_ALREADY_WITHDRAWN = "REFERRAL_ALREADY_WITHDRAWN"
MANDATE_NOT_HELD = "MANDATE_NOT_HELD"
EXTENSION_NOT_LATER = "EXTENSION_NOT_LATER"
CASE_ALREADY_CLOSED = "CASE_ALREADY_CLOSED"
CASE_ALREADY_SUSPENDED = "CASE_ALREADY_SUSPENDED"
CASE_NOT_SUSPENDED = "CASE_NOT_SUSPENDED"
SUBJECT_UNKNOWN = "SUBJECT_UNKNOWN"
SUBJECTS_ALREADY_ONE = "SUBJECTS_ALREADY_ONE"
PARTICIPATION_ENDED = "PARTICIPATION_ENDED"
EFFECTIVE_IN_FUTURE = "EFFECTIVE_IN_FUTURE"

# Referrals: why a case was suspended, resumed or closed (``reason_code`` of ddp.case.* events)
CUSTODY_RECALLED = "CUSTODY_RECALLED"
CUSTODY_RELEASED = "CUSTODY_RELEASED"
MANDATE_ENDED = "MANDATE_ENDED"
COMPLETED = "COMPLETED"
WITHDRAWN = "WITHDRAWN"
TRANSFERRED = "TRANSFERRED"
OTHER = "OTHER"

# Compliance: decisions on breach referrals and case review outcomes
UNKNOWN_ESCALATION = "UNKNOWN_ESCALATION"
NOT_A_BREACH_REFERRAL = "NOT_A_BREACH_REFERRAL"
NOT_RESPONSIBLE_AUTHORITY = "NOT_RESPONSIBLE_AUTHORITY"
ALREADY_DECIDED = "ALREADY_DECIDED"
ESCALATION_WITHDRAWN = "ESCALATION_WITHDRAWN"
UNKNOWN_REVIEW = "UNKNOWN_REVIEW"
NOT_REVIEW_CHAIR = "NOT_REVIEW_CHAIR"
REVIEW_ALREADY_RECORDED = "REVIEW_ALREADY_RECORDED"

DESCRIPTIONS: dict[str, str] = {
    NULL_VALUE: "The record has no value (a tombstone); events must carry a JSON body.",
    OVERSIZED: "The record is larger than the platform accepts for its topic.",
    INVALID_KEY: (
        "The record's key is not printable UTF-8 of 1 to 256 bytes; key records by your reference or the case id."
    ),
    UNPARSEABLE: (
        "The value is not a UTF-8 JSON object with content-type application/json, or one of its strings holds"
        " a NUL character or an unpaired surrogate."
    ),
    INVALID_ENVELOPE: (
        "A required CloudEvents header (ce_id, ce_source, ce_type, ce_specversion, ce_dataversion)"
        " is missing or malformed, or a CloudEvents header the platform reads appears twice or is not"
        " printable UTF-8."
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
    IDENTIFIER_INVALID: (
        "The identifier named by field is not a valid one of its kind: a PNC id is YYYY/NNNNNNNC or YY/N to YY/NNNNNNN "
        "followed by its check character (the slash optional), and the check character must match."
    ),
    # Interventions
    UNKNOWN_CASE: "No intervention plan exists for this case_id.",
    PLAN_MISMATCH: "plan_id is not the intervention plan of this case.",
    PLAN_ALREADY_AGREED: "The plan is already agreed; adjust it instead.",
    PLAN_NOT_AGREED: "The plan has not been agreed by the programme team yet.",
    KIND_ALREADY_PLANNED: "The plan already has an active intervention of this kind.",
    PLAN_WOULD_BE_EMPTY: "The adjustment would leave the plan without any active intervention.",
    UNKNOWN_INTERVENTION: "intervention_id is not an intervention of this case's plan.",
    INTERVENTION_NOT_ACTIVE: "The intervention was completed or withdrawn.",
    NOT_A_PROVIDER: "Interventions can be assigned only to intervention providers.",
    NOT_ASSIGNED_PROVIDER: "The intervention or session is not assigned to the sending provider.",
    PROVIDER_REASSIGNED: (
        "The intervention moved to another provider: you may still report and correct the attendance of "
        "sessions you held before, nothing else."
    ),
    ASSIGNMENT_NOT_PENDING: "The assignment was already accepted or declined.",
    ASSIGNMENT_NOT_ACCEPTED: "The sending provider has not accepted this intervention.",
    CASE_SUSPENDED: "The case is suspended: no sessions are scheduled or held until it resumes.",
    CASE_CLOSED: "The case is closed: its intervention plan has ended.",
    UNKNOWN_SESSION: "session_id is not a session of this case.",
    SESSION_ID_IN_USE: "session_id already names another session; mint a new id for a new session.",
    SESSION_NOT_SCHEDULED: "The session was cancelled or has already taken place.",
    ATTENDANCE_ALREADY_RECORDED: "Attendance for this session is already recorded; send a correction instead.",
    ATTENDANCE_NOT_RECORDED: "There is no attendance for this session to correct.",
    OCCURRED_IN_FUTURE: "occurred_at is in the future; report attendance after the session.",
    REFERRAL_UNKNOWN: (
        "No referral with this agency reference has reached the platform from you; send the referral first"
        " (keyed by the same reference), then resend this event."
    ),
    REFERRAL_CONFLICT: (
        "A referral under this agency_reference was already received stating another value in field; "
        "send what changed as ddp.referral.amendment_submitted, or a new referral under a new reference."
    ),
    REFERRAL_NOT_ACCEPTED: "The referral with this agency reference was rejected, so there is no case to change.",
    REFERRAL_ALREADY_WITHDRAWN: "The referral with this agency reference was already withdrawn.",
    MANDATE_NOT_HELD: (
        "This referral joined a case opened under another referral's mandate; only the authority whose"
        " referral opened the case can change that mandate."
    ),
    EXTENSION_NOT_LATER: "An extension must move the mandate's end to a later date than its current end.",
    CASE_ALREADY_CLOSED: "The case is already closed; nothing about it can change any more.",
    CASE_ALREADY_SUSPENDED: "The case is already suspended: a recall to custody was already recorded.",
    CASE_NOT_SUSPENDED: "The case is not suspended, so it cannot resume: no recall to custody was recorded.",
    SUBJECT_UNKNOWN: "The identifiers match no person the platform holds.",
    SUBJECTS_ALREADY_ONE: "Both sets of identifiers already name the same person; there is nothing to merge.",
    PARTICIPATION_ENDED: "The voluntary participation's end date has already passed; there is nothing to refer.",
    EFFECTIVE_IN_FUTURE: "effective_on is in the future; report a custody change or withdrawal once it took effect.",
    CUSTODY_RECALLED: "The person was recalled to custody; the case is suspended.",
    CUSTODY_RELEASED: "The person was released from custody; the case resumes.",
    MANDATE_ENDED: "The mandate ended, was revoked or passed its end date; the case closed.",
    COMPLETED: "The programme was completed; the case closed.",
    WITHDRAWN: "The referring agency withdrew the referral that opened the case; the case closed.",
    TRANSFERRED: "The case was transferred out of the programme; the case closed.",
    OTHER: "The case closed for another reason.",
    # Compliance
    UNKNOWN_ESCALATION: "escalation_id names no escalation of this case_id.",
    NOT_A_BREACH_REFERRAL: (
        "The escalation is a warning or an engagement concern; only breach referrals take a decision."
    ),
    NOT_RESPONSIBLE_AUTHORITY: (
        "The breach referral was not addressed to your agency; only its responsible authority decides."
    ),
    ALREADY_DECIDED: "A decision on this breach referral is already recorded.",
    ESCALATION_WITHDRAWN: "This breach referral was withdrawn (its recipients were told why): nothing to decide.",
    UNKNOWN_REVIEW: "review_id names no review of this case_id.",
    NOT_REVIEW_CHAIR: "Your agency does not chair this review; only the chairing agency records its outcome.",
    REVIEW_ALREADY_RECORDED: "An outcome for this review is already recorded.",
}
