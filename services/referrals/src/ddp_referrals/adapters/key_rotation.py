"""Re-encrypting stored personal data under the current key, and re-hashing identifiers.

After a new key is put first in DDP_REFERRALS_ENCRYPTION_KEYS (old keys kept after it), this
rewrites every token under the new key; the old keys can then be removed. A changed
DDP_REFERRALS_IDENTIFIER_HASH_KEY is applied the same way: digests are recomputed from the
decrypted values. The facts' hashes kept to compare resubmissions cannot be recomputed (their
texts are not kept): they are dropped, and a resubmission under an earlier reference then
repeats its first outcome without comparison.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_referrals.adapters import orm
from ddp_referrals.adapters.field_cipher import FieldCipher


async def rotate_keys(session: AsyncSession, cipher: FieldCipher) -> int:
    """Rewrite every encrypted field and identifier digest in this transaction; the number of rows."""
    rewritten = 0
    subjects = orm.subjects
    for row in (await session.execute(select(subjects).with_for_update())).all():
        await session.execute(
            subjects.update()
            .where(subjects.c.subject_id == row.subject_id)
            .values(
                given_name=cipher.rotate(row.given_name),
                family_name=cipher.rotate(row.family_name),
                date_of_birth=cipher.rotate(row.date_of_birth),
            )
        )
        rewritten += 1
    identifiers, rehashed = orm.subject_identifiers, False
    for row in (await session.execute(select(identifiers).with_for_update())).all():
        digest = cipher.digest(row.kind, cipher.decrypt(row.value))
        rehashed = rehashed or digest != row.digest
        await session.execute(
            identifiers.update()
            .where(identifiers.c.kind == row.kind, identifiers.c.digest == row.digest)
            .values(digest=digest, value=cipher.rotate(row.value))
        )
        rewritten += 1
    if rehashed:  # the hash key changed
        await session.execute(orm.referrals.update().values(fingerprint=None))
    return rewritten
