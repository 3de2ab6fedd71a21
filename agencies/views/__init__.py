"""Thin views, one module per audience: `casework` (the family's Referrals tab and the referral form),
`answer` (the email-link pages, no account needed), `portal` (agency staff with accounts) and `receipts`
(GOV.UK Notify's delivery receipts, called by Notify)."""
