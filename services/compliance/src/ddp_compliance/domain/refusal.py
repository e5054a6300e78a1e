"""A request the domain will not act on: the reason code goes back to the sender, nothing is applied."""


class Refusal(Exception):
    """Raised by an aggregate or use case; ``code`` is a reason code, ``field`` the field at fault if one is."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
