from django.conf import settings
from django.contrib.auth.views import redirect_to_login

PUBLIC_PREFIXES = ("/dang-nhap/", "/static/", "/quan-tri/", "/ngon-ngu/", "/healthz")


class LoginRequiredMiddleware:
    """Every page needs a signed-in user, except the login page, static files and the health check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class VietnameseFirstMiddleware:
    """The interface is Vietnamese unless the user chose another language (cookie set by /ngon-ngu/).

    Django's LocaleMiddleware would otherwise follow the browser's Accept-Language, and many office PCs run
    English-language browsers. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
