from django.core import mail

from core.email import send_templated_email, templated_email


def test_it_sends_the_text_and_html_from_their_templates_with_the_sites_from_address(settings, cast):
    sent = send_templated_email(
        to=["maya@example.org"],
        subject="Due a review",
        text_template="directory/email/stale_entries.txt",
        html_template="directory/email/stale_entries.html",
        context={
            "owner": cast.lead,
            "services": [],
            "months": 12,
            "list_url": "https://x/",
            "site_url": "https://x",
        },
    )
    assert sent == 1
    [email] = mail.outbox
    assert email.to == ["maya@example.org"] and email.subject == "Due a review"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.body and "https://x/" in email.body
    [(html, kind)] = email.alternatives
    assert kind == "text/html" and "<" in html


def test_it_builds_without_sending_and_carries_headers_and_reply_to():
    email = templated_email(
        to=["a@example.org"],
        subject="Hello",
        text_template="pots/email/request_decided.txt",
        context={"manager": "Maya", "status": "Approved", "reason": "", "link": "https://x/1"},
        headers={"Message-ID": "<k@poo>"},
        reply_to=["team@example.org"],
    )
    assert mail.outbox == []
    assert email.alternatives == []
    assert email.extra_headers["Message-ID"] == "<k@poo>"
    assert email.reply_to == ["team@example.org"]
    assert email.body == "Maya decided: Approved. \n\nSee the request: https://x/1\n"
