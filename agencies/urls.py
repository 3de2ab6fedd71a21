from django.urls import path

from agencies.views import answer, casework, portal, receipts

app_name = "agencies"

urlpatterns = [
    # Casework staff, from the family record.
    path("families/<str:reference>/", casework.family_referrals, name="family_referrals"),
    path("families/<str:reference>/referrals/new/", casework.referral_new, name="referral_new"),
    path("families/<str:reference>/referrals/<int:pk>/", casework.referral_detail, name="referral_detail"),
    path(
        "families/<str:reference>/referrals/<int:pk>/close/", casework.referral_close, name="referral_close"
    ),
    path("families/<str:reference>/consents/new/", casework.consent_new, name="consent_new"),
    path("families/<str:reference>/consents/several/", casework.consent_grid, name="consent_grid"),
    path(
        "families/<str:reference>/consents/<int:pk>/withdraw/",
        casework.consent_withdraw,
        name="consent_withdraw",
    ),
    path("families/<str:reference>/agencies/new/", casework.family_agency_new, name="family_agency_new"),
    # Partner agencies answering from the email link: no account needed.
    path("answer/<str:token>/", answer.answer, name="answer"),
    path("answer/<str:token>/code/", answer.answer_code, name="answer_code"),
    path("answer/<str:token>/shared/", answer.answer_shared, name="answer_shared"),
    # The partner-agency portal, for agency staff with accounts.
    path("portal/", portal.portal_inbox, name="portal_inbox"),
    path("portal/referrals/<int:pk>/", portal.portal_response, name="portal_response"),
    path("portal/families/<str:reference>/", portal.portal_family, name="portal_family"),
    path("portal/actions/", portal.portal_actions, name="portal_actions"),
    path("portal/actions/<int:pk>/", portal.portal_action_update, name="portal_action_update"),
    # GOV.UK Notify's delivery receipts (its callback, authenticated by a bearer token).
    path("notify/delivery-receipts/", receipts.delivery_receipt, name="notify_delivery_receipt"),
]
