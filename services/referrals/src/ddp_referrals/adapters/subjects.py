"""Subjects and their identifiers: personal data, stored encrypted field by field, found by keyed hash."""

from dataclasses import asdict
from uuid import UUID

from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.retries import ConcurrentChange
from ddp_referrals.adapters import orm
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.domain.submission import Identifiers, Submission


class SubjectStore:
    def __init__(self, session: AsyncSession, cipher: FieldCipher) -> None:
        self._session = session
        self._cipher = cipher

    async def subject_matching(self, identifiers: Identifiers) -> UUID | None:
        keys = [(kind, self._cipher.digest(kind, value)) for kind, value in _present(identifiers)]
        if not keys:
            return None
        table, subjects = orm.subject_identifiers, orm.subjects
        query = (
            select(table.c.subject_id, subjects.c.merged_into)
            .join(subjects, subjects.c.subject_id == table.c.subject_id)
            # By (kind, digest), the primary key: an index lookup however many people are known.
            .where(tuple_(table.c.kind, table.c.digest).in_(keys))
            .order_by(subjects.c.created_at, subjects.c.subject_id)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return row.merged_into or row.subject_id

    def fingerprint(self, submission: Submission) -> dict[str, str]:
        return self.fingerprint_facts(submission.facts())

    def fingerprint_facts(self, facts: dict[str, str]) -> dict[str, str]:
        # Keyed like the identifiers' digests: comparable, never readable, even for a date of birth.
        return {path: self._cipher.digest(f"fact:{path}", text) for path, text in facts.items()}

    async def add_subject(self, subject_id: UUID, submission: Submission) -> None:
        details, encrypt = submission.personal_details, self._cipher.encrypt
        await self._session.execute(
            orm.subjects.insert().values(
                subject_id=subject_id,
                given_name=encrypt(details.given_name),
                family_name=encrypt(details.family_name),
                date_of_birth=encrypt(details.date_of_birth.isoformat()),
            )
        )
        # Called when none of these identifiers named anyone at lookup. One that names someone now
        # was claimed by a transaction that committed meanwhile (another instance, the same person
        # referred by two agencies at once): the identifiers' primary key refuses the second
        # subject, and the delivery is applied again, finding that person.
        for kind, value in _present(submission.identifiers):
            if not await self._claim(subject_id, kind, value):
                raise ConcurrentChange("an identifier of the new subject was claimed meanwhile")

    async def add_identifiers(self, subject_id: UUID, identifiers: Identifiers) -> None:
        for kind, value in _present(identifiers):
            # An identifier already naming someone keeps naming them: only a merge moves it.
            await self._claim(subject_id, kind, value)

    async def _claim(self, subject_id: UUID, kind: str, value: str) -> bool:
        """The identifier names ``subject_id`` now; False when it already named someone."""
        claimed = await self._session.execute(
            insert(orm.subject_identifiers)
            .values(
                kind=kind,
                digest=self._cipher.digest(kind, value),
                subject_id=subject_id,
                value=self._cipher.encrypt(value),
            )
            .on_conflict_do_nothing()
            .returning(orm.subject_identifiers.c.kind)
        )
        return claimed.scalar() is not None

    async def merge_subjects(self, merged: UUID, surviving: UUID) -> list[UUID]:
        identifiers, subjects, cases = orm.subject_identifiers, orm.subjects, orm.cases
        session = self._session
        await session.execute(
            identifiers.update().where(identifiers.c.subject_id == merged).values(subject_id=surviving)
        )
        # Subjects merged into the retired one earlier now point at the survivor too.
        await session.execute(
            subjects.update()
            .where((subjects.c.subject_id == merged) | (subjects.c.merged_into == merged))
            .values(merged_into=surviving)
        )
        moved = await session.execute(
            cases.update().where(cases.c.subject_id == merged).values(subject_id=surviving).returning(cases.c.case_id)
        )
        return sorted(moved.scalars().all())


def _present(identifiers: Identifiers) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value in asdict(identifiers).items() if value]
