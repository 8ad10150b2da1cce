"""A private dovecot on loopback (a real IMAP server from Debian's dovecot-imapd) for the IMAP poller's tests
and its benchmark: own config, users, maildirs and sockets."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
USER = "desk"
PASSWORD = "desk-imap-secret"


@dataclass
class Dovecot:
    """A dovecot serving one account (USER / PASSWORD) over plain IMAP on 127.0.0.1:`port`."""

    conf: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    def start(self, within: float = 10.0) -> None:
        """Start it in the foreground of a child process, and wait until it answers."""
        self.process = subprocess.Popen(
            [DOVECOT, "-c", str(self.conf), "-F"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start; see its log in " + str(self.conf.parent))

    def stop(self) -> None:
        """Stop it and wait until it has gone."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def log(self) -> str:
        """What dovecot logged so far."""
        path = self.conf.parent / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def client(self, folder: str = "INBOX") -> imaplib.IMAP4:
        """A logged-in stdlib client with `folder` selected."""
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(USER, PASSWORD)
        imap.select(folder)
        return imap

    def append(self, raw: bytes) -> None:
        """Deliver `raw` into INBOX, unseen."""
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        try:
            imap.login(USER, PASSWORD)
            imap.append("INBOX", "", None, raw)
        finally:
            imap.logout()

    def empty(self, folder: str = "INBOX") -> None:
        """Delete every mail in `folder` (a server shared by several tests starts each one empty)."""
        imap = self.client(folder)
        try:
            _typ, data = imap.uid("SEARCH", "ALL")
            if data[0]:
                imap.uid("STORE", b",".join(data[0].split()).decode(), "+FLAGS", "(\\Deleted)")
                imap.expunge()
        finally:
            imap.logout()

    def uids(self, criterion: str, folder: str = "INBOX") -> list[int]:
        """The UIDs matching `criterion` (e.g. SEEN, UNSEEN, ALL) in `folder`."""
        imap = self.client(folder)
        try:
            _typ, data = imap.uid("SEARCH", criterion)
            return [int(u) for u in data[0].split()]
        finally:
            imap.logout()

    def folders(self) -> list[str]:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        try:
            imap.login(USER, PASSWORD)
            _typ, data = imap.list()
            return [line.decode().rsplit(" ", 1)[-1].strip('"') for line in data if isinstance(line, bytes)]
        finally:
            imap.logout()


def _config(root: Path, port: int) -> Path:
    me = pwd.getpwuid(os.getuid()).pw_name
    internal = "dovecot" if os.getuid() == 0 and _has_user("dovecot") else me
    login = "dovenull" if os.getuid() == 0 and _has_user("dovenull") else internal
    user = internal  # dovecot refuses to keep mail as root
    gid = pwd.getpwnam(user).pw_gid
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    os.chown(root / "mail", pwd.getpwnam(user).pw_uid, gid)
    conf = root / "dovecot.conf"
    conf.write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
mail_uid = {user}
mail_gid = {gid}
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={gid} home={root}/mail/%u
}}
"""
    )
    return conf


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def installed() -> bool:
    """Whether dovecot is here (scripts/ensure-mail-servers installs dovecot-imapd)."""
    return os.path.exists(DOVECOT) and shutil.which("doveadm") is not None


@contextmanager
def private_dovecot() -> Iterator[Dovecot]:
    """A private dovecot, running, stopped and removed afterwards."""
    # Outside a private tmp (mode 0700): dovecot's auth process runs as its own user.
    root = Path(tempfile.mkdtemp(prefix="kasuhara-dovecot-"))
    os.chmod(root, 0o755)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = Dovecot(conf=_config(root, port), port=port)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
