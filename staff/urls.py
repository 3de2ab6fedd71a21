from django.contrib.auth import views as auth_views
from django.urls import include, path

from staff import two_factor_views

urlpatterns = [
    path("sign-in/", two_factor_views.SignInView.as_view(), name="login"),
    # The second step of signing in, for users with two-step verification.
    path("sign-in/code/", two_factor_views.sign_in_code, name="login_code"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-step-verification/", include("staff.two_factor_urls")),
]
