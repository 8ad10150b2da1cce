"""A private dovecot on loopback (a real IMAP server from Debian's dovecot-imapd) for the IMAP poller's tests
and its benchmark: own config, users, maildirs and sockets; optionally TLS (STARTTLS on the IMAP port and
implicit TLS on a second one) with a throwaway certificate (sandbox/tls.py)."""

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

from sandbox.tls import ServerTls, make_server_tls

DOVECOT = "/usr/sbin/dovecot"
USER = "desk"
PASSWORD = "desk-imap-secret"


@dataclass
class Dovecot:
    """A dovecot serving its accounts (`users`: USER / PASSWORD and any added) over IMAP on
    127.0.0.1:`port`; with `tls`, STARTTLS there and implicit TLS on `tls_port`."""

    conf: Path
    port: int
    users: dict[str, str]
    tls: ServerTls | None = None
    tls_port: int | None = None
    process: subprocess.Popen[bytes] | None = None

    def set_password(self, user: str, password: str) -> None:
        """Add an account or change its password while running (the passwd file is read on each login)."""
        self.users[user] = password
        _write_passwd(self.conf.parent, self.users)

    def start(self, within: float = 10.0) -> None:
        """Start it in the foreground of a child process, and wait until it answers."""
        self.process = subprocess.Popen(
            [DOVECOT, "-c", str(self.conf), "-F"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_real_clock_environment(),
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

    def _login(self, user: str) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(user, self.users[user])
        return imap

    def client(self, folder: str = "INBOX", *, user: str = USER) -> imaplib.IMAP4:
        """A logged-in stdlib client with `folder` selected."""
        imap = self._login(user)
        imap.select(folder)
        return imap

    def append(self, raw: bytes, *, user: str = USER) -> None:
        """Deliver `raw` into `user`'s INBOX, unseen."""
        imap = self._login(user)
        try:
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

    def uids(self, criterion: str, folder: str = "INBOX", *, user: str = USER) -> list[int]:
        """The UIDs matching `criterion` (e.g. SEEN, UNSEEN, ALL) in `user`'s `folder`."""
        imap = self.client(folder, user=user)
        try:
            _typ, data = imap.uid("SEARCH", criterion)
            return [int(u) for u in data[0].split()]
        finally:
            imap.logout()

    def folders(self, *, user: str = USER) -> list[str]:
        imap = self._login(user)
        try:
            _typ, data = imap.list()
            return [line.decode().rsplit(" ", 1)[-1].strip('"') for line in data if isinstance(line, bytes)]
        finally:
            imap.logout()


def _real_clock_environment() -> dict[str, str]:
    """This process's environment without libfaketime: CI moves the tests' clock, not the mail server's
    (under libfaketime its logins time out)."""
    return {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}


def _write_passwd(root: Path, users: dict[str, str]) -> None:
    lines = "".join(f"{user}:{{PLAIN}}{password}::::::\n" for user, password in users.items())
    staged = root / "passwd.new"
    staged.write_text(lines)
    staged.replace(root / "passwd")  # whole, never half-written under a login


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ssl_settings(tls: ServerTls | None) -> str:
    if tls is None:
        return "ssl = no"
    return f"ssl = yes\nssl_cert = <{tls.cert_file}\nssl_key = <{tls.key_file}"


def _config(root: Path, port: int, users: dict[str, str], tls: ServerTls | None, tls_port: int) -> Path:
    me = pwd.getpwuid(os.getuid()).pw_name
    internal = "dovecot" if os.getuid() == 0 and _has_user("dovecot") else me
    login = "dovenull" if os.getuid() == 0 and _has_user("dovenull") else internal
    user = internal  # dovecot refuses to keep mail as root
    gid = pwd.getpwnam(user).pw_gid
    _write_passwd(root, users)
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
{_ssl_settings(tls)}
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests refuse passwords on purpose: no delay after a failure, and no growing penalty (its socket closed).
auth_failure_delay = 0
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
    {f"address = 127.0.0.1{chr(10)}    port = {tls_port}{chr(10)}    ssl = yes" if tls else "port = 0"}
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
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
def private_dovecot(*, tls: bool = False) -> Iterator[Dovecot]:
    """A private dovecot (with `tls`: a throwaway certificate, STARTTLS and implicit TLS), running,
    stopped and removed afterwards."""
    # Outside a private tmp (mode 0700): dovecot's auth process runs as its own user.
    root = Path(tempfile.mkdtemp(prefix="kasuhara-dovecot-"))
    os.chmod(root, 0o755)
    port = _free_port()
    users = {USER: PASSWORD}
    server_tls = make_server_tls(root / "tls", label="dovecot") if tls else None
    tls_port = _free_port() if tls else 0
    server = Dovecot(
        conf=_config(root, port, users, server_tls, tls_port),
        port=port,
        users=users,
        tls=server_tls,
        tls_port=tls_port or None,
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
