"""JSON logs: one object per line, with the request id of the error body and X-Request-ID,
the user's id (never the e-mail), the route, the status and the duration."""

import copy
import io
import json
import logging
import logging.config

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log(settings):
    """The project's LOGGING with LOG_FORMAT=json, written to a buffer."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = buffer
    config["root"]["level"] = "INFO"
    config["loggers"]["localbzz.requests"]["level"] = "INFO"
    config["loggers"]["django.request"]["level"] = "INFO"
    logging.config.dictConfig(config)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def lines(buffer) -> list[dict]:
    text = buffer.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]  # one object per line


def request_lines(buffer) -> list[dict]:
    return [line for line in lines(buffer) if line["logger"] == "localbzz.requests"]


def test_a_request_logs_one_json_line_with_its_context(client, admin_user, json_log):
    client.force_login(admin_user)
    response = client.get("/api/clients/", HTTP_X_REQUEST_ID="req-abc-123")
    assert response.status_code == 200
    [line] = request_lines(json_log)
    assert line["request_id"] == "req-abc-123" == response["X-Request-ID"]
    assert line["user_id"] == str(admin_user.pk)
    assert line["route"] == "api:client-list"
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float | int)
    assert isinstance(line["queries"], int)
    assert line["level"] == "INFO"
    assert "time" in line
    assert admin_user.email not in json_log.getvalue()


def test_the_error_body_header_and_log_share_the_request_id(client, team_user, json_log):
    client.force_login(team_user)
    response = client.get("/api/clients/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    request_id = response.json()["error"]["request_id"]
    assert request_id
    assert request_id == response["X-Request-ID"]
    logged = lines(json_log)
    [line] = [entry for entry in logged if entry["logger"] == "localbzz.requests"]
    assert line["request_id"] == request_id
    assert line["status"] == 404
    assert line["user_id"] == str(team_user.pk)
    # Django's own "Not Found" line carries the same id through the filter
    django_lines = [entry for entry in logged if entry["logger"] == "django.request"]
    assert django_lines
    assert {entry["request_id"] for entry in django_lines} == {request_id}
    assert team_user.email not in json_log.getvalue()


def test_anonymous_requests_log_no_user(client, json_log):
    client.get("/accounts/login/")
    [line] = request_lines(json_log)
    assert line["user_id"] is None
    assert line["route"]
    assert len(line["request_id"]) == 32  # generated: none was sent


def test_no_path_or_query_string_is_logged(client, json_log):
    """Routes, not paths: a token or an e-mail in a URL never reaches the logs."""
    client.get("/api/clients/?search=someone%40example.com&token=s3cret")
    client.get("/api/nothing-here/?token=s3cret")  # Django logs its "Not Found" too
    text = json_log.getvalue()
    assert "Not Found" in text
    assert "s3cret" not in text
    assert "someone" not in text


def test_plain_text_stays_the_development_default(settings):
    assert settings.LOG_FORMAT == "plain"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "plain"


def test_a_task_queued_by_a_request_logs_with_its_request_id(json_log, rf):
    """The id rides in the task message's headers (before_task_publish) and is restored in
    the worker around the task (task_prerun / task_postrun)."""
    from celery import signals
    from celery.app.task import Context

    from ops import logs

    request = rf.get("/")
    request.request_id = "req-from-web"
    token = logs.current_request.set(request)
    headers = {}
    try:
        signals.before_task_publish.send(sender="some.task", headers=headers, body=())
    finally:
        logs.current_request.reset(token)
    assert headers[logs.HEADER] == "req-from-web"

    # in the worker: the message's headers become the task request's attributes
    task = type("Task", (), {"request": Context(headers)})()
    signals.task_prerun.send(sender=task, task_id="t1", task=task, args=(), kwargs={})
    logging.getLogger("localbzz.events").warning("delivering")
    signals.task_postrun.send(sender=task, task_id="t1", task=task, args=(), kwargs={})
    logging.getLogger("localbzz.events").warning("after")
    worker_lines = [line for line in lines(json_log) if line["logger"] == "localbzz.events"]
    assert worker_lines[0]["request_id"] == "req-from-web"
    assert "request_id" not in worker_lines[1]
