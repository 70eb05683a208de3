from django.urls import path

from amends.journey import views

app_name = "journey"

urlpatterns = [
    path("guide/", views.guide, name="guide"),
    path("guide/faq/", views.faq, name="faq"),
    path("guide/listening/", views.listening, name="listening"),
    path("guide/feelings/", views.feelings, name="feelings"),
    path("guide/<slug:slug>/", views.stage, name="stage"),
    path("spaces/<int:repair_id>/journey/", views.space_journey, name="space"),
    path("spaces/<int:repair_id>/listening/reply/", views.reply_coach, name="reply"),
]
