"""The web server's settings, read by `gunicorn config.wsgi` from the project directory.

Access-log lines carry the path without its query string (`%(U)s`, not the request line
`%(r)s`): a query string may hold what someone searched for. Harbour's own pages keep
search terms out of addresses (`core.search_terms`); this keeps any that arrive out of the
logs too.
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
