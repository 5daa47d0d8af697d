urlpatterns = []; app_name = "performance"
