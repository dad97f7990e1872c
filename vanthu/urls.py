from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("vanthu.web.urls")),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("van-ban-den/", include("vanthu.incoming.urls")),
    path("van-ban-di/", include("vanthu.outgoing.urls")),
    path("nhiem-vu/", include("vanthu.tasks.urls")),
    path("bao-cao/", include("vanthu.reports.urls")),
    path("tim-kiem/", include("vanthu.search.urls")),
    path("quan-tri/", admin.site.urls),
]

admin.site.site_header = "vanthu — Quản trị hệ thống"
admin.site.site_title = "vanthu"
admin.site.index_title = "Quản trị"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
