"""Shapes of the cadence planner's answers (/api/clients/:id/plan), for the schema."""

from rest_framework import serializers


class PlannedShootSerializer(serializers.Serializer):
    title = serializers.CharField()
    shoot_start = serializers.DateTimeField()


class PlannedShootsSerializer(serializers.Serializer):
    planned = serializers.IntegerField()
    existing = serializers.IntegerField()
    to_create = PlannedShootSerializer(many=True)


class PlannedDeliverableSerializer(serializers.Serializer):
    title = serializers.CharField()
    deliverable_type = serializers.CharField()
    due_date = serializers.DateField()


class PlannedDeliverablesSerializer(serializers.Serializer):
    type = serializers.CharField()
    planned = serializers.IntegerField()
    existing = serializers.IntegerField()
    to_create = PlannedDeliverableSerializer(many=True)


class PlanSerializer(serializers.Serializer):
    client_id = serializers.UUIDField()
    period = serializers.CharField(help_text="YYYY-MM: the month the period starts")
    shoot_frequency = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    reason = serializers.CharField(help_text="why nothing is planned, when nothing is")
    shoots = PlannedShootsSerializer()
    deliverables = PlannedDeliverablesSerializer(many=True)


class PlanCreatedSerializer(serializers.Serializer):
    shoots = serializers.IntegerField()
    deliverables = serializers.IntegerField()


class PlanAppliedSerializer(serializers.Serializer):
    created = PlanCreatedSerializer()
    plan = PlanSerializer()


class PlanPeriodSerializer(serializers.Serializer):
    period = serializers.CharField(required=False, help_text="YYYY-MM (default: next month)")
