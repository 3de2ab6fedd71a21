"""Every write to agencies, consent, referrals, their answers and the outbox, one module per concern.

- `agency`: agencies, their referral inboxes and manager contact, the agencies working with a family.
- `consent`: consent to share, given and withdrawn (a withdrawal withdraws the open referrals it covers).
- `referral`: sending a referral (its checks, then the fan-out to every agency) and closing it.
- `answer`: an agency's answers, from the portal or the email link, and the one-time codes.
- `outbox`: the emails to send, their delivery by the Celery task, and the service-level clock.

Keyword-only, typed, one transaction each, the acting user on the history (None when an agency answers
from the email link without an account, with the reason saying so). Object permissions and outbox rows
change in the same transaction as the thing they follow from. Reads live in `agencies.selectors`.
"""
