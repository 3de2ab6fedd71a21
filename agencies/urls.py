from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    # Casework staff, from the family record.
    path("families/<str:reference>/", views.family_referrals, name="family_referrals"),
    path("families/<str:reference>/referrals/new/", views.referral_new, name="referral_new"),
    path("families/<str:reference>/referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("families/<str:reference>/referrals/<int:pk>/close/", views.referral_close, name="referral_close"),
    path("families/<str:reference>/consents/new/", views.consent_new, name="consent_new"),
    path(
        "families/<str:reference>/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("families/<str:reference>/agencies/new/", views.family_agency_new, name="family_agency_new"),
    # Partner agencies answering from the email link: no account needed.
    path("answer/<str:token>/", views.answer, name="answer"),
    path("answer/<str:token>/code/", views.answer_code, name="answer_code"),
    path("answer/<str:token>/shared/", views.answer_shared, name="answer_shared"),
    # The partner-agency portal, for agency staff with accounts.
    path("portal/", views.portal_inbox, name="portal_inbox"),
    path("portal/referrals/<int:pk>/", views.portal_response, name="portal_response"),
    path("portal/families/<str:reference>/", views.portal_family, name="portal_family"),
    path("portal/actions/", views.portal_actions, name="portal_actions"),
    path("portal/actions/<int:pk>/", views.portal_action_update, name="portal_action_update"),
]
