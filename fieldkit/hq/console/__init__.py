"""The headquarters web review console, served by ``fieldkit hq serve`` under ``/console``.

Why a server-rendered web console: reviewers decide suspected fraud from evidence (both palms, the
card photo against the face on site, the visit photo), which a terminal cannot show; the agency's
office PCs have a browser and nothing else to install. Pages are Jinja2 templates with a little
JavaScript, Chinese first with an English switch (:mod:`.i18n`).

The framework, for every page module:

* :mod:`.app` builds the sub-application the HQ server mounts; it includes every ``ops_*.py``
  module's ``router`` (the operations pages) before its own routes, so those pages plug in
  without editing this package's files.
* :mod:`.guard` runs before every route: it finds the staff session (:mod:`.sessions`, rows in the
  HQ database, HttpOnly SameSite=Strict cookie, idle timeout), sends an unauthenticated request to
  the login page, refuses a reviewer the admin pages (:data:`.guard.ADMIN_PREFIXES`) with a 403
  page, and checks the CSRF token of every POST (:mod:`.csrf`).
* :mod:`.web` is what a route uses: ``staff(request)``, ``require_admin(request)``,
  ``form(request)`` (the already size-limited, parsed POST form), ``hq(request)`` and
  ``render(request, "page.html", **context)``; :mod:`.staff_audit` records what staff did.
"""
