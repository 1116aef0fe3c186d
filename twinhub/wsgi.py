import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinhub.settings")
# Pages read few rows: no parallel query for the web's connections (settings.py, decision 47).
os.environ.setdefault("DB_PARALLEL_WORKERS_PER_QUERY", "0")
# Each statement planned once per connection: server-side binding and prepared statements (decision 57).
os.environ.setdefault("DB_SERVER_SIDE_BINDING", "1")
application = get_wsgi_application()
