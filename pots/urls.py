from django.urls import path

from pots import views

app_name = "pots"

urlpatterns = [
    path("", views.pot_list, name="list"),
    path("new/", views.pot_create, name="create"),
    path("approvals/", views.approvals, name="approvals"),
    path("<int:pot_id>/", views.pot_detail, name="detail"),
    path("<int:pot_id>/edit/", views.pot_edit, name="edit"),
    path("<int:pot_id>/history/", views.pot_history, name="history"),
    path("<int:pot_id>/ledger.csv", views.ledger_csv, name="ledger_csv"),
    path("<int:pot_id>/contributions/new/", views.contribution_add, name="contribution_add"),
    path(
        "<int:pot_id>/contributions/<int:contribution_id>/correct/",
        views.contribution_correct,
        name="contribution_correct",
    ),
    path("<int:pot_id>/funders/<int:funder_id>/", views.statement, name="statement"),
    path("<int:pot_id>/funders/<int:funder_id>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("<int:pot_id>/funders/<int:funder_id>/statement.csv", views.statement_csv, name="statement_csv"),
    path("family/<str:reference>/", views.family_requests, name="family"),
    path("family/<str:reference>/new/", views.request_new, name="request_new"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/decide/", views.decide, name="decide"),
    path("requests/<int:request_id>/pay/", views.pay, name="pay"),
    path("requests/<int:request_id>/cancel/", views.cancel, name="cancel"),
    path("requests/<int:request_id>/refund/", views.refund, name="refund"),
    path("requests/<int:request_id>/receipt/", views.receipt_upload, name="receipt"),
    path("requests/<int:request_id>/receipt/file/", views.receipt_download, name="receipt_file"),
]
