"""Forms of the credentials pages: verifying a pasted or uploaded credential, revoking."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhijiang.credentials.verification import MAX_DOCUMENT_BYTES


class VerifyForm(forms.Form):
    document = forms.CharField(
        label=_("Credential JSON"),
        required=False,
        max_length=MAX_DOCUMENT_BYTES,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "mono"}),
        help_text=_("Paste the certificate's JSON, or choose the downloaded file below."),
    )
    file = forms.FileField(label=_("Or upload the file"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and upload.size > MAX_DOCUMENT_BYTES:
            self.add_error("file", _("The file is larger than 256 KiB."))
        elif upload is None and not str(data.get("document") or "").strip():
            raise forms.ValidationError(_("Paste a credential or upload its file."))
        return data

    def text(self) -> bytes | str:
        upload = self.cleaned_data.get("file")
        return upload.read() if upload is not None else str(self.cleaned_data["document"])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
