"""The project's own write routes → their rule (read by tests/web/test_permission_matrix.py)."""

ROUTES = {
    # changes only the visitor's own language cookie
    "POST set_language": {"rule": "public", "path": "/i18n/setlang/", "body": {"language": "en", "next": "/"}},
    "POST login": {"rule": "public", "path": "/konto/logga-in/", "body": {"username": "x", "password": "y"}},
    "POST logout": {"rule": "public", "path": "/konto/logga-ut/"},
    # password reset (Django's own views): asking for a link and setting a password with one
    "POST password_reset": {"rule": "public", "path": "/konto/nytt-losenord/", "body": {"email": "x@matrix.invalid"}},
    "POST password_reset_confirm": {
        "rule": "public",
        "path": "/konto/nytt-losenord/MQ/set-password/",
        "body": {"new_password1": "x", "new_password2": "x"},
    },
}
