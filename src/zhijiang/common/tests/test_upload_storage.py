"""Uploads reach the disk whole or not at all; a full disk gives a clear message naming the file."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from zhijiang.common.storage import AtomicFileSystemStorage, StorageFullError


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def _disk_full_after(room: int, folder: Path) -> Any:
    """os.write as on a disk with ``room`` bytes left, for files in ``folder`` only."""
    real_write = os.write
    left = {"room": room}

    def write(descriptor: int, data: Any) -> int:
        if not os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(folder)):
            return real_write(descriptor, data)
        if left["room"] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = real_write(descriptor, bytes(data[: left["room"]]))
        left["room"] -= written
        return written

    return write


def test_the_site_stores_uploads_through_the_atomic_storage() -> None:
    assert isinstance(default_storage, AtomicFileSystemStorage)


def test_an_upload_is_stored_whole_under_its_name(media: Path) -> None:
    name = default_storage.save("evidence/报告.pdf", SimpleUploadedFile("报告.pdf", b"%PDF" * 1000))

    assert name == "evidence/报告.pdf"
    assert (media / name).read_bytes() == b"%PDF" * 1000
    assert _files(media) == ["evidence/报告.pdf"]


def test_a_second_upload_of_the_same_name_gets_a_name_of_its_own(media: Path) -> None:
    first = default_storage.save("evidence/a.txt", ContentFile(b"first"))
    second = default_storage.save("evidence/a.txt", ContentFile(b"second"))

    assert first != second
    assert (media / first).read_bytes() == b"first"
    assert (media / second).read_bytes() == b"second"


def test_a_full_disk_mid_upload_leaves_no_file_and_names_the_upload(
    media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as disk, pytest.raises(StorageFullError) as full:
        disk.setattr(os, "write", _disk_full_after(100, media))
        default_storage.save("evidence/标注结果.png", ContentFile(b"x" * 5000))
    with translation.override("en"):
        message = str(full.value.message)

    assert full.value.status == 507 and full.value.code == "storage_full"
    assert "标注结果.png" in message and "nothing was saved" in message
    assert _files(media) == []


def test_other_write_errors_are_not_reported_as_a_full_disk(
    media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(descriptor: int, data: Any) -> int:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with monkeypatch.context() as disk, pytest.raises(OSError) as error:
        disk.setattr(os, "write", broken)
        default_storage.save("evidence/a.txt", ContentFile(b"abc"))

    assert error.value.errno == errno.EIO and not isinstance(error.value, StorageFullError)
    assert _files(media) == []
