from django.urls import path

from amends.apology import views

app_name = "apology"

urlpatterns = [
    path("coach/", views.coach_fragment, name="coach"),
    path("worksheet/", views.worksheet, name="worksheet"),
    path("apologies/", views.apology_list, name="list"),
    path("apologies/new/", views.apology_new, name="new"),
    path("apologies/<int:apology_id>/", views.apology_detail, name="detail"),
    path("apologies/<int:apology_id>/share/", views.apology_share, name="share"),
    path("apologies/<int:apology_id>/respond/", views.response_create, name="respond"),
    path("space/end/", views.space_end, name="space_end"),
]
