"""CSRF tokens: every console form carries one, every POST is checked, in constant time.

Why a per-session token on top of SameSite=Strict cookies: SameSite stops a cross-site POST in
current browsers, but not an old browser on an office PC, nor a page on a sibling host that shares
the site; the token is what a forged form cannot know. The login form has no session yet: it gets
a double-submit token (a random cookie that the form must repeat), so nobody can log a reviewer in
to a session of the attacker's choosing.
"""

from __future__ import annotations

import hmac
import secrets

FIELD = "csrf_token"
LOGIN_COOKIE = "fk_login_csrf"


def same(expected: str, submitted: str | None) -> bool:
    """True if the submitted token is the expected one (compared in constant time)."""
    if not expected or submitted is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), submitted.encode("utf-8"))


def new_login_token() -> str:
    return secrets.token_urlsafe(32)
