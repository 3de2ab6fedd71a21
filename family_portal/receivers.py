"""What happens in the casework that a family hears of: connected to `families.signals.family_news`
(sent by the services of the floors below once their transaction commits). Filled by the notifications
module of this app."""
