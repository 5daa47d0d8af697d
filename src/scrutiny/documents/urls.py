from django.urls import path

from scrutiny.documents import (
    generated_views,
    officer_views,
    pack_views,
    paper_views,
    revision_views,
    views,
)

app_name = "documents"
urlpatterns = [
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/file/", views.document_file, name="file"),
    path("<int:pk>/versions/", views.document_history, name="history"),
    path("<int:pk>/versions/<int:version>/", views.document_version, name="version"),
    path("meetings/<int:pk>/pack/", pack_views.meeting_packs, name="packs"),
    path("meetings/<int:pk>/pack/<str:variant>.pdf", pack_views.pack_download, name="pack"),
    path(
        "meetings/<int:pk>/pack/<str:variant>/issue-<int:number>.pdf",
        pack_views.pack_issue_download,
        name="pack_issue",
    ),
    # Officers
    path("meetings/<int:pk>/papers/", officer_views.papers, name="papers"),
    path("meetings/<int:pk>/publish/", officer_views.publish, name="publish"),
    path("items/<int:pk>/urgent/", officer_views.item_urgent, name="item_urgent"),
    path("items/<int:pk>/exemption/", officer_views.item_exemption, name="item_exemption"),
    path("<int:pk>/publish/", officer_views.document_publish, name="document_publish"),
    path("<int:pk>/exemption/", revision_views.document_exemption, name="exemption"),
    path("items/<int:pk>/report/", paper_views.report_write, name="report_write"),
    path("items/<int:pk>/upload/<str:kind>/", paper_views.paper_upload, name="upload"),
    path("items/<int:pk>/appendix/", paper_views.appendix_add, name="appendix_add"),
    path(
        "items/<int:pk>/generated/",
        generated_views.generated_appendix_add,
        name="generated_appendix_add",
    ),
    path(
        "generated/<int:pk>/refresh/",
        generated_views.generated_appendix_refresh,
        name="generated_appendix_refresh",
    ),
    path(
        "generated/<int:pk>/remove/",
        generated_views.generated_appendix_remove,
        name="generated_appendix_remove",
    ),
    path("<int:pk>/report/", revision_views.report_edit, name="report_edit"),
    path("<int:pk>/replace/", revision_views.document_replace, name="replace"),
]
