"""Uploaded files are written whole or not at all: a full disk mid-upload leaves no partial file
behind and gives the person a clear message instead of a 500."""

from __future__ import annotations

import errno
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

from zhijiang.common.errors import ApplicationError

_OUT_OF_SPACE = {errno.ENOSPC, errno.EDQUOT}


class StorageFullError(ApplicationError):
    """The disk (or the service account's quota) is full; nothing was stored."""

    status = 507

    def __init__(self, name: str) -> None:
        super().__init__(
            _(
                "There is no room left to store %(name)s; nothing was saved. Please try again "
                "later, and tell the administrator if it happens again."
            )
            % {"name": name},
            code="storage_full",
        )


class AtomicFileSystemStorage(FileSystemStorage):
    """Writes each file to a temporary file in its own folder, then links it under its name in
    one step; on any error the temporary file is removed."""

    def _save(self, name: str, content: Any) -> str:
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
        try:
            _write_all(descriptor, content)
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            name = self._link_under_a_free_name(temporary, name)
        except OSError as error:
            if error.errno in _OUT_OF_SPACE:
                raise StorageFullError(os.path.basename(name)) from error
            raise
        finally:
            os.unlink(temporary)
        return str(name).replace("\\", "/")

    def _link_under_a_free_name(self, temporary: str, name: str) -> str:
        """A hard link fails if the name is taken (another upload won the race), unlike a
        rename, which would replace that file."""
        while True:
            try:
                os.link(temporary, self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return name


def _write_all(descriptor: int, content: Any) -> None:
    """Every chunk, then fsync: a full disk shows here, not later when the file is read."""
    try:
        for chunk in content.chunks():
            data = memoryview(chunk if isinstance(chunk, bytes) else chunk.encode())
            while data:
                data = data[os.write(descriptor, data) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
