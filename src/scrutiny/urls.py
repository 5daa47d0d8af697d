from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scrutiny.core.signin_views import urlpatterns as signin_urls
from scrutiny.public.api.v1 import api as api_v1

handler500 = "scrutiny.core.health.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="core/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    *signin_urls,
]

# The read-only open-data API (scrutiny.public.api); its documentation page is /api/.
urlpatterns.append(path("api/v1/", api_v1.urls))

# Each domain app with pages mounts them under its prefix (core, statistics and operations have
# none of their own).
APP_PREFIXES = {
    "scrutiny.documents": "documents/",
    "scrutiny.minutes": "minutes/",
    "scrutiny.interests": "interests/",
    "scrutiny.recommendations": "recommendations/",
    "scrutiny.workprogramme": "work-programme/",
    "scrutiny.casedata": "casedata/",
    "scrutiny.performance": "performance/",
    "scrutiny.paperimport": "imports/",
    "scrutiny.education": "education/",
    "scrutiny.notifications": "",
    "scrutiny.workspace": "",
    "scrutiny.members": "members/",
    "scrutiny.reviews": "reviews/",
    "scrutiny.youthjustice": "youth-justice/",
    "scrutiny.committees": "",
    "scrutiny.public": "",
}
for app, prefix in APP_PREFIXES.items():
    urlpatterns.append(path(prefix, include(f"{app}.urls")))
