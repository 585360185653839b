"""Staff pages of the files app: a client's logo, uploaded, replaced or removed on the client's
page (the same checks as every upload; images only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from clients.selectors import client_get
from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action

from . import selectors, services
from .sniffing import UploadRejected


@staff_required
@require_POST
def client_logo_upload(request, pk):
    """Makes the chosen image the client's logo (replacing the earlier one)."""
    client = client_get(user=request.user, pk=pk, action=Action.CHANGE)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose an image for the logo.")
        return redirect("clients:detail", pk=client.pk)
    try:
        services.attachment_create(actor=request.user, owner=client, upload=upload)
    except UploadRejected as rejection:
        messages.error(request, f"The logo was not changed: {rejection.message}")
    else:
        messages.success(request, f"{client.name}'s logo is saved; its portal shows it.")
    return redirect("clients:detail", pk=client.pk)


@staff_required
@require_POST
def client_logo_remove(request, pk):
    """Removes the client's logo (its portal shows the client's initial again)."""
    client = client_get(user=request.user, pk=pk, action=Action.CHANGE)
    logo = selectors.client_logo(client)
    if logo is not None:
        services.attachment_delete(attachment=logo, actor=request.user)
        messages.success(request, f"{client.name}'s logo is removed.")
    return redirect("clients:detail", pk=client.pk)
