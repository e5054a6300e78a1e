"""The case registry the use cases work against, in PostgreSQL: referrals, cases and subjects together."""

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.repository import ReferralRepository
from ddp_referrals.adapters.subjects import SubjectStore


class SqlCaseRegistry(ReferralRepository, SubjectStore):
    def __init__(self, session: AsyncSession, cipher: FieldCipher) -> None:
        ReferralRepository.__init__(self, session)
        SubjectStore.__init__(self, session, cipher)
