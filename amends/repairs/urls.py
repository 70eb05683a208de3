from django.urls import path

from amends.repairs import views

app_name = "repairs"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.repair_create, name="create"),
    path("<int:repair_id>/", views.repair_detail, name="detail"),
    path("<int:repair_id>/stories/", views.story_create, name="story_create"),
    path("<int:repair_id>/stories/<int:story_id>/", views.story_detail, name="story"),
    path("<int:repair_id>/invite/", views.invitation_create, name="invite"),
    path(
        "<int:repair_id>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:repair_id>/leave/", views.repair_leave, name="leave"),
    path("<int:repair_id>/pause/", views.repair_pause, name="pause"),
    path("<int:repair_id>/resume/", views.repair_resume, name="resume"),
]
