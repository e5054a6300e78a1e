"""Referrals service: intake, eligibility screening, the case registry; the only holder of personal data."""
