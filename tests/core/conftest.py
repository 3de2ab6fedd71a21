# The local GOV.UK Notify and the fixture that points the settings at it (tests/notify_fake.py).
from tests.notify_fake import notify, notify_server  # noqa: F401
