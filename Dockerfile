# LocalBzz production image: one image, several process types (see docker-compose.yml).
#   web    gunicorn (WSGI) for HTTP          ws      uvicorn (ASGI) for /ws/
#   worker celery worker                     beat    celery beat       migrate  one-shot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production

RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --shell /usr/sbin/nologin app

# pg_dump / pg_restore for `manage.py backup` and `restore` (a client at least as new as
# the server: Debian's is)
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
# requirements.txt is a lock with hashes (`make lock`): every file pip fetches is checked
RUN pip install --require-hashes -r requirements.txt

COPY --chown=app:app . .

# Static files are collected into the image at build time (whitenoise serves them, hashed
# and compressed). The secret here only lets settings load; it is never used at run time.
RUN SECRET_KEY=build-time-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000 8001
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "deploy/healthcheck.py", "ready", "8000"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "localbzz.wsgi:application"]
