from django.contrib import admin
from django.urls import include, path

from amends.repairs import views as repair_views
from amends.web import views
from amends.web.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("exit/", views.quick_exit, name="quick_exit"),
    path("accounts/", include("amends.accounts.urls")),
    path("spaces/", include("amends.repairs.urls")),
    path("spaces/<int:repair_id>/", include("amends.apology.urls")),
    path("", include("amends.journey.urls")),
    path("invitations/<str:code>/", repair_views.invitation, name="invitation"),
    path(
        "invitations/<str:code>/accept/",
        repair_views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/<str:code>/decline/",
        repair_views.invitation_decline,
        name="invitation_decline",
    ),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "amends.web.views.not_found"
