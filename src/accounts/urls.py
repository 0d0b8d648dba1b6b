from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.enrol, name="enrol"),
    path("two-factor/", views.two_factor_settings, name="two_factor_settings"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("dormant/", views.dormant_accounts, name="dormant"),
    path("users/", views.user_accounts, name="users"),
    path("users/<int:user_id>/", views.user_account, name="user"),
    path("users/<int:user_id>/reset-two-factor/", views.reset_two_factor, name="reset_two_factor"),
    path("users/<int:user_id>/unlock/", views.unlock_sign_in, name="unlock"),
    path("users/<int:user_id>/council-sign-in/", views.unbind_council_sign_in, name="unbind"),
]
