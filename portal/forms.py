"""Forms of the client portal: they shape input; services decide."""

from django import forms

from clients.models import Client
from deliverables.models import ReviewDecision
from portal.models import ClientPortalRequest, RequestPriority, RequestTopic, RequestType


class SignInForm(forms.Form):
    """E-mail and password; the field is called ``username`` for django-axes."""

    username = forms.EmailField(
        label="E-mail",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label="E-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ReviewForm(forms.Form):
    """Approve, or ask for changes with a comment."""

    decision = forms.ChoiceField(choices=ReviewDecision.choices)
    comment = forms.CharField(
        required=False,
        max_length=5000,
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
        widgets = {"content": forms.Textarea(attrs={"rows": 4, "maxlength": 10000})}


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Reply", max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )


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
