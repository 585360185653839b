"""Forms of the client portal: they shape input; services decide."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm

from clients.models import Client
from deliverables.models import DeliverableReview, ReviewDecision
from localbzz.accounts.forms import EmailAuthenticationForm
from localbzz.accounts.models import Role, User
from localbzz.accounts.permissions import is_own_client_user, is_staff_user
from localbzz.validators import max_length_of, textarea_of
from portal.models import (
    ClientPortalRequest,
    PortalRequestReply,
    RequestPriority,
    RequestTopic,
    RequestType,
)
from portal.services import portal_base_url, portal_send_password_link


class SignInForm(EmailAuthenticationForm):
    """Django's sign-in form for one client's portal: its own users and agency staff."""

    error_messages = {
        **EmailAuthenticationForm.error_messages,
        "invalid_login": "That e-mail and password do not match an account of this portal.",
    }

    def __init__(self, request=None, *args, client=None, **kwargs):
        self.client = client
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "E-mail"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not (is_own_client_user(user, self.client) or is_staff_user(user)):
            raise self.get_invalid_login_error()


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, for the active client users of one portal; the link is the portal's."""

    def __init__(self, *args, client, **kwargs):
        self.client = client
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail"

    def get_users(self, email):
        # Invited users who never chose a password may ask for a link too.
        return User.objects.filter(
            email__iexact=email, role=Role.CLIENT, client=self.client, is_active=True
        )

    def save(self, **kwargs):
        # The portal's canonical address (settings), never the request's Host or port.
        for user in self.get_users(self.cleaned_data["email"]):
            portal_send_password_link(
                user=user, base_url=portal_base_url(self.client), template="reset"
            )


class ReviewForm(forms.Form):
    """Approve, or ask for changes with a comment."""

    decision = forms.ChoiceField(choices=ReviewDecision.choices)
    comment = forms.CharField(
        required=False,
        max_length=max_length_of(DeliverableReview, "comment"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "What should change?"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") == ReviewDecision.CHANGES_REQUESTED
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", "Say what should change.")
        return data


class PortalRequestForm(forms.ModelForm):
    """A new request or insight."""

    request_type = forms.ChoiceField(
        label="Kind",
        choices=RequestType.choices,
        widget=forms.RadioSelect,
        initial=RequestType.REQUEST,
    )
    topic = forms.ChoiceField(choices=RequestTopic.choices, initial=RequestTopic.GENERAL)
    priority = forms.ChoiceField(choices=RequestPriority.choices, initial=RequestPriority.NORMAL)

    class Meta:
        model = ClientPortalRequest
        fields = ["request_type", "topic", "priority", "content"]
        labels = {"content": "Details"}
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}  # maxlength: the model's


class ReplyForm(forms.Form):
    body = textarea_of(PortalRequestReply, "body", label="Reply")


class ContactForm(forms.ModelForm):
    """The contact details a client keeps up to date itself."""

    class Meta:
        model = Client
        fields = ["primary_contact_name", "email", "phone", "preferred_contact_method"]
        labels = {
            "primary_contact_name": "Contact name",
            "email": "Contact e-mail",
            "preferred_contact_method": "Preferred contact method",
        }


class InviteForm(forms.Form):
    """Staff invite a person to a client's portal."""

    email = forms.EmailField(label="E-mail")
    full_name = forms.CharField(label="Name", max_length=150, required=False)
