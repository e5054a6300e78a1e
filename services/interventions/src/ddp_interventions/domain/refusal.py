"""A request the domain will not carry out, named by a reason code the sender can act on."""


class Refusal(Exception):
    """Raised by an aggregate when a request breaks a rule; ``code`` is a platform reason code."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
