"""The base AppConfig of every entity app: it plugs the app into the kernel by convention.

The kernel never imports an app; instead each app's ``ready()`` loads its own registration
modules, the way ``django.contrib.admin`` discovers ``admin.py``:

- ``<app>/events.py``, ``<app>/signals.py``: imported for what they register (event types,
  API representation, notification rules; signal receivers);
- ``<app>/policies.py``: its ``POLICIES`` (model label → policy) join the permission registry;
- ``<app>/privacy.py``: its ``register()`` declares what the app holds about a person (GDPR).
"""

from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule

from localbzz.accounts.permissions import register_policy

#: modules imported for their side effects, when the app has them
REGISTRATION_MODULES = ("events", "signals")


class EntityAppConfig(AppConfig):
    """An entity app: registers its policies, events and privacy handlers when Django is ready."""

    default_auto_field = "django.db.models.BigAutoField"

    def _submodule(self, name: str):
        if module_has_submodule(self.module, name):
            return import_module(f"{self.name}.{name}")
        return None

    def ready(self) -> None:
        for name in REGISTRATION_MODULES:
            self._submodule(name)
        if policies := self._submodule("policies"):
            for label, policy in policies.POLICIES.items():
                register_policy(label, policy)
        if privacy := self._submodule("privacy"):
            privacy.register()
