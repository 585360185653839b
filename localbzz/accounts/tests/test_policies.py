"""The policy registry: the kernel holds the machinery, each app registers its own policies."""

import ast
import inspect

import pytest
from django.apps import apps

from localbzz.accounts import permissions
from localbzz.accounts.permissions import AdminOnlyPolicy, Policy, policy_for, register_policy

ENTITY_APPS = ("clients", "team", "shoots", "deliverables", "tasks", "forms", "portal")
APP_POLICIES = {
    "clients.client": "ClientPolicy",
    "team.teammember": "TeamMemberPolicy",
    "shoots.shoot": "ShootPolicy",
    "deliverables.deliverable": "DeliverablePolicy",
    "tasks.task": "TaskPolicy",
    "tasks.timeentry": "TimeEntryPolicy",
    "forms.formsubmission": "FormSubmissionPolicy",
    "portal.clientportalrequest": "PortalRequestPolicy",
}


@pytest.mark.parametrize(("label", "name"), APP_POLICIES.items())
def test_each_app_registers_its_own_policy(label, name):
    policy = policy_for(apps.get_model(label))
    app = label.split(".")[0]
    assert type(policy).__module__ == f"{app}.policies"
    assert type(policy).__name__ == name
    assert isinstance(policy, Policy)


def test_the_kernel_policy_module_names_no_app():
    tree = ast.parse(inspect.getsource(permissions))
    named = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and "." in node.value
        and node.value.split(".")[0] in ENTITY_APPS
    ]  # "team" alone is a role; "team.teammember" would be the app's model
    assert named == []


def test_a_model_nobody_registered_is_admin_only():
    assert isinstance(policy_for(apps.get_model("accounts.user")), AdminOnlyPolicy)


def test_register_policy_replaces_a_models_policy(monkeypatch):
    monkeypatch.setattr(permissions, "_POLICIES", dict(permissions._POLICIES))
    custom = Policy()
    register_policy("Clients.Client", custom)
    assert policy_for(apps.get_model("clients.client")) is custom
