"""A change the domain will not make: the reason code goes back to the sender, nothing is applied."""


class Refusal(Exception):
    """Raised by an aggregate or a use case asked for an impossible change; ``code`` is a reason code."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
