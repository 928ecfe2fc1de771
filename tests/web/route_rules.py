"""The project's own write routes → their rule (read by tests/web/test_permission_matrix.py)."""

ROUTES = {
    # changes only the visitor's own language cookie
    "POST set_language": {"rule": "public", "path": "/i18n/setlang/", "body": {"language": "en", "next": "/"}},
    "POST login": {"rule": "public", "path": "/konto/logga-in/", "body": {"username": "x", "password": "y"}},
    "POST logout": {"rule": "public", "path": "/konto/logga-ut/"},
}
