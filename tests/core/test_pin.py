"""The staff PIN hash and ``socialrx-desk kiosk set-pin``."""

from __future__ import annotations

import io
from pathlib import Path

import keyring
import pytest

from socialrx_desk.app import main
from socialrx_desk.cli.kiosk import PIN_SECRET
from socialrx_desk.core.pin import PinFormatError, PinHash, hash_pin, pin_problem, verify_pin
from socialrx_desk.paths import Profile
from socialrx_desk.secrets import get_secret
from tests.conftest import MemoryKeyring

FAST = {"n": 2**10, "r": 8, "p": 1}  # the stored parameters are honoured, so tests may use cheap ones


def test_hash_round_trip_and_wrong_pins() -> None:
    stored = hash_pin("482916", **FAST)
    assert verify_pin("482916", stored)
    for wrong in ("482917", "48291", "4829160", "", "48291６", "abcdef"):
        assert not verify_pin(wrong, stored)


def test_hash_is_salted_and_keeps_its_parameters() -> None:
    first, second = hash_pin("482916", **FAST), hash_pin("482916", **FAST)
    assert first != second
    assert "482916" not in first
    parsed = PinHash.decode(first)
    assert (parsed.n, parsed.r, parsed.p) == (2**10, 8, 1)
    assert len(parsed.salt) == 16 and len(parsed.digest) == 32


def test_default_parameters_are_slow_enough() -> None:
    parsed = PinHash.decode(hash_pin("482916"))
    assert parsed.n >= 2**14 and parsed.r >= 8


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "1111", "١٢٣٤٥", " 1234"])
def test_bad_pins_are_refused(pin: str) -> None:
    assert pin_problem(pin) is not None
    with pytest.raises(ValueError):
        hash_pin(pin, **FAST)


@pytest.mark.parametrize(
    "stored",
    ["", "plain", "scrypt$1024$8$1$AAAA$AAAA", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$AAAA", "bcrypt$x$y$z$a$b"],
)
def test_damaged_hashes_raise_and_never_match(stored: str) -> None:
    with pytest.raises(PinFormatError):
        verify_pin("1234", stored)


def test_huge_parameters_are_refused() -> None:
    good = PinHash.decode(hash_pin("482916", **FAST))
    tampered = PinHash(2**24, good.r, good.p, good.salt, good.digest).encode()
    with pytest.raises(PinFormatError):
        verify_pin("482916", tampered)


def _set_pin(monkeypatch: pytest.MonkeyPatch, profile: Path, text: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return main(["--profile", str(profile), "kiosk", "set-pin"])


def test_set_pin_stores_only_a_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _set_pin(monkeypatch, tmp_path / "kiosk", "739251\n739251\n") == 0
    stored = get_secret(Profile(tmp_path / "kiosk").name, PIN_SECRET)
    assert stored is not None and stored.startswith("scrypt$") and "739251" not in stored
    assert verify_pin("739251", stored)
    assert "739251" not in capsys.readouterr().out
    for path in (tmp_path / "kiosk").rglob("*"):
        if path.is_file() and path.suffix != ".sqlite3":
            assert b"739251" not in path.read_bytes()


@pytest.mark.parametrize(
    ("text", "message"),
    [("739251\n739252\n", "different"), ("12\n12\n", "4 to 12 digits"), ("", "no PIN"), ("0000\n0000\n", "repeated")],
)
def test_set_pin_refuses_mistakes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    assert _set_pin(monkeypatch, tmp_path / "kiosk", text) == 2
    assert message in capsys.readouterr().err
    assert memory_keyring.entries == {}


def test_set_pin_without_a_keyring_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        assert _set_pin(monkeypatch, tmp_path / "kiosk", "739251\n739251\n") == 2
    finally:
        keyring.set_keyring(previous)
    assert "keyring" in capsys.readouterr().err
