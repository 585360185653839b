"""API representation of comments."""

from rest_framework import serializers

from comments.models import Comment, Visibility


class CommentSerializer(serializers.ModelSerializer):
    """A comment: ``visibility`` is ``client`` (the client sees it) or ``team`` (staff only)."""

    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    body = serializers.CharField(max_length=10_000, trim_whitespace=True)
    author_id = serializers.UUIDField(read_only=True, allow_null=True)
    author_name = serializers.SerializerMethodField()
    owner_type = serializers.SerializerMethodField()
    owner_id = serializers.SerializerMethodField()
    mention_ids = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "body",
            "visibility",
            "author_id",
            "author_name",
            "owner_type",
            "owner_id",
            "mention_ids",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    def get_author_name(self, obj) -> str | None:
        return obj.author.get_full_name() if obj.author_id and obj.author else None

    def get_owner_type(self, obj) -> str:
        return obj.owner_field

    def get_owner_id(self, obj) -> str:
        return str(obj.owner_id)

    def get_mention_ids(self, obj) -> list[str]:
        return [str(user.pk) for user in obj.mentions.all()]
