"""``make demo`` on a fresh machine: tools/ensure-tshark.sh (issue 10, point 13).

tshark is never removed here: each test runs the script with a PATH of its
own that holds no tshark, and fake ``apt-get``, ``sudo``,
``debconf-set-selections`` and ``id`` that record what they were asked to do
(the fake ``apt-get install`` puts a fake tshark on that PATH, as the real
one would).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "ensure-tshark.sh"
TOOLS = ("bash", "env", "cat", "head", "printf", "chmod", "true")


def _fake(path: Path, body: str) -> None:
    path.write_text("#!/bin/bash\n" + body)
    path.chmod(0o755)


def _machine(tmp_path: Path, *, uid: int, sudo: str | None, apt: bool = True) -> Path:
    """A bin folder: the basic tools, no tshark, and the fakes; calls go to ``log``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    log = tmp_path / "log"
    _fake(bin_dir / "id", f'[ "$1" = -u ] && echo {uid}\n')
    if apt:
        _fake(
            bin_dir / "apt-get",
            f'echo "apt-get $* DEBIAN_FRONTEND=${{DEBIAN_FRONTEND:-}} uid=$(id -u)" >> {log}\n'
            f'if [ "$1" = install ]; then\n'
            f"  printf '#!/bin/bash\\necho \"TShark (Wireshark) 4.0.17\"\\n' > {bin_dir}/tshark\n"
            f"  chmod +x {bin_dir}/tshark\n"
            f"fi\n",
        )
        _fake(bin_dir / "debconf-set-selections", f'echo "debconf $(cat)" >> {log}\n')
    if sudo == "nopasswd":
        _fake(bin_dir / "sudo", f'echo "sudo $*" >> {log}\n[ "$1" = -n ] && shift\nexec "$@"\n')
    elif sudo == "password":
        _fake(
            bin_dir / "sudo",
            f'echo "sudo $*" >> {log}\necho "a password is required" >&2\nexit 1\n',
        )
    return bin_dir


def _run(bin_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "VENV": str(tmp_path / "venv")}
    env["PYTHON_BOOT"] = sys.executable  # one that has ensurepip: python3-venv is there
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def _log(tmp_path: Path) -> list[str]:
    log = tmp_path / "log"
    return log.read_text().splitlines() if log.exists() else []


def test_tshark_present_does_nothing(tmp_path: Path) -> None:
    bin_dir = _machine(tmp_path, uid=0, sudo=None)
    _fake(bin_dir / "tshark", "echo TShark\n")
    done = _run(bin_dir, tmp_path)
    assert done.returncode == 0 and done.stderr == "" and _log(tmp_path) == []


def test_root_installs_tshark_without_questions(tmp_path: Path) -> None:
    bin_dir = _machine(tmp_path, uid=0, sudo=None)
    done = _run(bin_dir, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "tshark not installed" in done.stderr and "installed: TShark" in done.stderr
    assert _log(tmp_path) == [
        "debconf wireshark-common wireshark-common/install-setuid boolean false",
        "apt-get update -q DEBIAN_FRONTEND= uid=0",
        "apt-get install -y -q --no-install-recommends tshark DEBIAN_FRONTEND=noninteractive uid=0",
    ]
    assert (bin_dir / "tshark").exists()


def test_passwordless_sudo_installs_tshark(tmp_path: Path) -> None:
    bin_dir = _machine(tmp_path, uid=1000, sudo="nopasswd")
    done = _run(bin_dir, tmp_path)
    assert done.returncode == 0, done.stderr
    log = _log(tmp_path)
    assert log[0] == "sudo -n true"
    assert "sudo -n debconf-set-selections" in log
    assert "sudo -n apt-get update -q" in log
    assert (
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
        "--no-install-recommends tshark" in log
    )
    assert log[-1].endswith("tshark DEBIAN_FRONTEND=noninteractive uid=1000")


@pytest.mark.parametrize("sudo", ["password", None])
def test_without_root_it_prints_the_command_and_stops(tmp_path: Path, sudo: str | None) -> None:
    bin_dir = _machine(tmp_path, uid=1000, sudo=sudo)
    done = _run(bin_dir, tmp_path)
    assert done.returncode == 1
    assert done.stdout == (
        "  sudo sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive "
        "apt-get install -y -q --no-install-recommends tshark'\n"
    )
    assert "tshark not installed" in done.stderr and "then make demo again" in done.stderr
    assert not any(line.startswith("apt-get") for line in _log(tmp_path))
    assert not (bin_dir / "tshark").exists()


def test_no_apt_names_the_other_package_managers(tmp_path: Path) -> None:
    bin_dir = _machine(tmp_path, uid=0, sudo=None, apt=False)
    done = _run(bin_dir, tmp_path)
    assert done.returncode == 1 and "dnf install wireshark-cli" in done.stderr


def test_makefile_demo_runs_the_script_first() -> None:
    makefile = (SCRIPT.parent.parent / "Makefile").read_text()
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0].splitlines()
    assert "tools/ensure-tshark.sh" in recipe[1]
    assert "proxyproto dissect" in recipe[-1]
    assert os.access(SCRIPT, os.X_OK)


def test_python_without_venv_support_gets_python3_venv_too(tmp_path: Path) -> None:
    bin_dir = _machine(tmp_path, uid=0, sudo=None)
    _fake(bin_dir / "python3", "exit 1\n")  # Debian's python3 without python3-venv
    env = {"PATH": str(bin_dir), "VENV": str(tmp_path / "venv"), "PYTHON_BOOT": "python3"}
    done = subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert _log(tmp_path)[-1].startswith(
        "apt-get install -y -q --no-install-recommends tshark python3-venv "
    )
