"""File names made from user text, and writes that stay inside the chosen folder.

Client names become file names (``Brightpath Software.eml``), so they are
cleaned first: ``safe_filename`` drops path separators, ``..``, control and
bidi-override characters (U+202E can make ``gpj.exe`` look like ``exe.jpg``),
Windows device names and trailing dots or spaces, and cuts the name to 255
bytes on a character boundary. Letters of every script (Arabic too) are kept.

``write_new_file`` then writes inside a folder only: it resolves the folder,
checks the target stays in it, never follows a symbolic link planted there
(``O_EXCL | O_NOFOLLOW``) and never replaces an existing file unless asked.
"""
from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from freelancekit.errors import EXIT_BUSY, EXIT_INPUT, FreelancekitError
from freelancekit.language.wording import Phrase

MAX_NAME_BYTES = 255
FALLBACK_NAME = "draft"

# Windows refuses these as file names whatever the extension (CON.txt is CON).
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)
# Characters Windows, macOS or shells treat specially, replaced by "_".
_RESERVED = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
_DOTS = re.compile(r"\.{2,}")


def _keep(ch: str) -> bool:
    """Visible characters only: no controls (Cc), format/bidi controls (Cf), unassigned or surrogates."""
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits ``limit`` bytes (never half a character)."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    return raw[:limit].decode("utf-8", errors="ignore")


def _tidy(name: str) -> str:
    name = _SPACES.sub(" ", name)
    name = _DOTS.sub(".", name)
    return name.strip(" .")


def safe_filename(name: str, suffix: str = "", *, max_bytes: int = MAX_NAME_BYTES, fallback: str = FALLBACK_NAME) -> str:
    """A file name made from ``name`` that is valid and harmless on Windows, macOS and Linux.

    ``suffix`` (such as ``".eml"``) is kept whole; the stem is shortened to fit
    ``max_bytes``. Idempotent: a safe name comes back unchanged.
    """
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(ch for ch in text if _keep(ch))
    text = _RESERVED.sub("_", text)
    suffix = _tidy(_RESERVED.sub("_", "".join(ch for ch in suffix if _keep(ch))))
    suffix = f".{suffix.lstrip('.')}" if suffix else ""
    stem = _tidy(text)
    budget = max(1, max_bytes - len(suffix.encode("utf-8")))
    while True:  # cutting can expose a trailing dot or space; tidy until stable
        cut = _tidy(_cut_bytes(stem, budget))
        if cut == stem:
            break
        stem = cut
    if not stem:
        stem = fallback
    if stem.split(".")[0].rstrip(" ").upper() in _DEVICE_NAMES:
        stem = _tidy(_cut_bytes("_" + stem, budget))
    return stem + suffix


def unique_filenames(names: Iterable[str], suffix: str = "", *, max_bytes: int = MAX_NAME_BYTES) -> list[str]:
    """Safe names, one per input, distinct even on case-insensitive disks (``Acme`` / ``ACME`` -> ``ACME (2)``)."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        base = safe_filename(name, max_bytes=max_bytes - len(suffix.encode("utf-8")))
        candidate, n = base, 1
        while unicodedata.normalize("NFC", candidate + suffix).casefold() in taken:
            n += 1
            tail = f" ({n})"
            candidate = _tidy(_cut_bytes(base, max_bytes - len((tail + suffix).encode("utf-8")))) + tail
        taken.add(unicodedata.normalize("NFC", candidate + suffix).casefold())
        out.append(candidate + suffix)
    return out


def contained_path(folder: str | Path, name: str) -> Path:
    """``folder/name`` after checking ``name`` is one safe file name that stays inside ``folder``."""
    root = Path(folder).expanduser().resolve()
    if name != safe_filename(name) or name in (".", ".."):
        raise FreelancekitError(code="file.unsafe_name", exit_code=EXIT_INPUT, name=name)
    target = root / name
    if target.parent != root:
        raise FreelancekitError(code="file.outside_folder", exit_code=EXIT_INPUT, name=name, path=str(root))
    return target


def prepare_folder(folder: str | Path) -> Path:
    """The resolved output folder, created if missing; a file in its place is a clear error."""
    path = Path(folder).expanduser()
    if path.exists() and not path.is_dir():
        raise FreelancekitError(code="folder.is_file", exit_code=EXIT_INPUT, path=str(path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FreelancekitError(code="folder.cannot_create", path=str(path), detail=str(exc.strerror)) from None
    return path.resolve()


def check_free(folder: str | Path, names: Iterable[str], *, force: bool = False) -> None:
    """Refuse before writing anything if a target exists (and ``force`` is off) or is a link or folder."""
    for name in names:
        target = contained_path(folder, name)
        if target.is_symlink():
            raise FreelancekitError(code="file.is_link", exit_code=EXIT_INPUT, path=str(target))
        if target.exists():
            if target.is_dir():
                raise FreelancekitError(code="file.is_folder", exit_code=EXIT_INPUT, path=str(target))
            if not force:
                raise FreelancekitError(code="file.exists", exit_code=EXIT_INPUT, path=str(target))


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _write_exclusive(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        if fd != -1:
            os.close(fd)
        path.unlink(missing_ok=True)
        raise


def write_new_file(folder: str | Path, name: str, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``folder/name``, never outside ``folder`` and never through a link.

    Without ``force`` an existing file is refused; with it, the new content goes
    to an exclusive temporary file that then replaces the old one in one step.
    """
    target = contained_path(folder, name)
    check_free(target.parent, [name], force=force)
    try:
        if not target.exists():
            _write_exclusive(target, data)
            return target
        temp = contained_path(target.parent, safe_filename(f"{os.getpid()}-{target.name}", ".tmp"))
        _write_exclusive(temp, data)
        os.replace(temp, target)  # replaces the directory entry itself, never a link's target
        return target
    except FileExistsError:
        raise FreelancekitError(code="file.appeared", exit_code=EXIT_BUSY, path=str(target)) from None
    except OSError as exc:
        raise FreelancekitError(code="file.cannot_write", path=str(target), detail=os_reason(exc)) from None


def os_reason(exc: OSError) -> Phrase | str:
    """Why the system refused, in words of the reader's language ("the folder does not exist"), not the system's English."""
    from freelancekit.language.i18n import known

    name = errno.errorcode.get(exc.errno or 0, "")
    return Phrase(f"os.{name}") if known(f"error.os.{name}") else Phrase("os.other") if exc.errno else str(exc.strerror or exc)


__all__ = ["os_reason", "MAX_NAME_BYTES", "check_free", "contained_path", "prepare_folder", "safe_filename", "unique_filenames", "write_new_file"]
