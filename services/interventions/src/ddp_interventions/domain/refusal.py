"""The one refusal of the interventions service: a request the domain will not carry out."""


class Refusal(Exception):
    """Raised when a request breaks a rule; nothing it would have changed is kept.

    ``code`` is a platform reason code (``ddp_schemas.reasons``) the sender can act on, ``field``
    the message field at fault when there is one. Neither ever quotes what the sender wrote.
    """

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
