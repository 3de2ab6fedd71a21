from django.contrib.auth import views as auth_views
from django.urls import include, path

from staff import account_views, two_factor_views

urlpatterns = [
    path("sign-in/", two_factor_views.SignInView.as_view(), name="login"),
    # The second step of signing in, for users with two-step verification.
    path("sign-in/code/", two_factor_views.sign_in_code, name="login_code"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-step-verification/", include("staff.two_factor_urls")),
    # Getting back in (staff/account_views.py): none of these signs anyone in.
    path("signed-out/", account_views.signed_out, name="signed_out"),
    path("sign-in/unlock/", account_views.unlock_request, name="unlock"),
    path("sign-in/unlock/<str:token>/", account_views.unlock_confirm, name="unlock_confirm"),
    path("password-reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
