"""Serializer helpers shared by the apps' API serializers."""

from __future__ import annotations

from rest_framework import serializers

from localbzz.accounts.permissions import Action, is_staff_user


def request_user(serializer):
    request = serializer.context.get("request") if serializer.context else None
    return getattr(request, "user", None)


class ServiceSerializer(serializers.ModelSerializer):
    """A ModelSerializer that validates foreign keys by visibility and hands data to services.

    ``related_ids`` maps an input field (``client_id``) to ``(model, service keyword)``: the id
    must name a row the user may see, else 400 on that field. ``staff_only_fields`` are
    read-only for non-staff users (no mass assignment).
    """

    related_ids: dict = {}
    staff_only_fields: tuple = ()
    #: fields only staff see at all: left out for client users, as are the model's own
    #: ``internal_fields`` (internal notes)
    staff_only_read_fields: tuple = ()

    @classmethod
    def hidden_fields_for(cls, user) -> tuple:
        """The fields left out for ``user``: none for staff (and for no user: events)."""
        if user is None or is_staff_user(user):
            return ()
        model = getattr(getattr(cls, "Meta", None), "model", None)
        return (*cls.staff_only_read_fields, *getattr(model, "internal_fields", ()))

    @classmethod
    def fields_depend_on_user_only(cls) -> bool:
        """Whether the fields depend on nothing but ``hidden_fields_for`` (and the
        read-only flags of ``staff_only_fields``): then a list may reuse its plan."""
        return cls.get_fields is ServiceSerializer.get_fields

    def get_fields(self):
        fields = super().get_fields()
        user = request_user(self)
        if user is not None and not is_staff_user(user):
            for name in self.staff_only_fields:
                if name in fields:
                    fields[name].read_only = True
        for name in self.hidden_fields_for(user):
            fields.pop(name, None)
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = request_user(self)
        for field, (model, target) in self.related_ids.items():
            if field not in attrs:
                continue
            value = attrs.pop(field)
            if value is None:
                attrs[target] = None
                continue
            obj = self.related_object(model, value, user)
            if obj is None:
                raise serializers.ValidationError(
                    {field: [f"No {model._meta.verbose_name} with id {value}."]}
                )
            attrs[target] = obj
        return attrs

    def related_object(self, model, pk, user):
        """The ``model`` row ``pk`` if ``user`` may see it, else None (a batch import
        overrides this with the rows it looked up for the whole file at once)."""
        return model.objects.visible_to(user, Action.VIEW).filter(pk=pk).first()

    def service_data(self) -> dict:
        return dict(self.validated_data)
