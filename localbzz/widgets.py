"""Select widgets that render their options in Python: a dashboard filter lists every client
and team member, and Django's per-option templates made those pages slow at agency scale."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _render(widget, name, value, attrs, multiple: bool) -> str:
    final = widget.build_attrs(widget.attrs, attrs)
    final["name"] = name
    if multiple:
        final["multiple"] = True
    if widget.is_required and not multiple:
        final.setdefault("required", True)
    if value is None:
        chosen: set[str] = set()
    elif isinstance(value, (list, tuple)):
        chosen = {str(v) for v in value}
    else:
        chosen = {str(value)}
    parts = [f"<select{flatatt(final)}>"]
    for option_value, label in widget.choices:
        option_value = "" if option_value is None else str(option_value)
        selected = " selected" if option_value in chosen else ""
        parts.append(
            f'<option value="{conditional_escape(option_value)}"{selected}>'
            f"{conditional_escape(label)}</option>"
        )
    parts.append("</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class FastSelect(forms.Select):
    """A <select> rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        return _render(self, name, self.format_value(value), attrs, multiple=False)


class FastSelectMultiple(forms.SelectMultiple):
    """A <select multiple> rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        return _render(self, name, self.format_value(value), attrs, multiple=True)


def use_fast_selects(form: forms.BaseForm) -> None:
    """Swaps every select of ``form`` for its fast twin (after querysets are set)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs)
        elif type(widget) is forms.SelectMultiple:
            fast = FastSelectMultiple(attrs=widget.attrs)
        else:
            continue
        fast.choices = field.choices
        fast.is_required = widget.is_required
        field.widget = fast
