"""Where photo files live: one small interface, so that moving them to an
object store later touches no domain code.

The default is a directory on disk, ``UPLOAD_DIR``. Several nodes share it
as one path (NFS or similar): every node writes and deletes the same files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

from flask import Response, current_app, request


class Storage(Protocol):
    def save(self, name: str, data: bytes) -> None: ...

    def delete(self, name: str) -> None: ...

    def exists(self, name: str) -> bool: ...

    def size(self, name: str) -> int: ...

    def read(self, name: str) -> bytes: ...

    def response(self, name: str, content_type: str) -> Response: ...


class DirectoryStorage:
    """Files in one directory, written whole (a temporary file renamed into
    place), so a reader never sees half a photo."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        if "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"not a stored file name: {name!r}")
        return self.root / name

    def save(self, name: str, data: bytes) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, self._path(name))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def size(self, name: str) -> int:
        """Bytes (0 for a file that is not there)."""
        try:
            return self._path(name).stat().st_size
        except FileNotFoundError:
            return 0

    def response(self, name: str, content_type: str) -> Response:
        # Read whole (a few hundred kB): no file stays open behind the answer.
        # The name never changes its content, so it is the ETag.
        answer = Response(self.read(name), mimetype=content_type)
        answer.set_etag(name)
        return answer.make_conditional(request)


def storage() -> Storage:
    return DirectoryStorage(current_app.config["UPLOAD_DIR"])
