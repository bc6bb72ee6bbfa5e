from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class PaymentRecorded(_message.Message):
    __slots__ = ("bill_id", "amount_fen")
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    amount_fen: int
    def __init__(self, bill_id: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...
