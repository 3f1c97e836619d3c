"""``fieldkit devices`` with the replay kit: works on a machine with no hardware."""

from __future__ import annotations

from pathlib import Path

from fieldkit.config import MachineConfig, load_config, save_config
from fieldkit.devices.settings import DeviceSetting


def test_list_shows_roles_and_drivers(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("devices", "list")
    assert result.code == 0
    assert "palm_scanner" in result.out and "[simulation]" in result.out
    assert "idcard-serial" in result.out and "camera" in result.out


def test_test_palm_scanner_and_card_reader(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    palm = cli("devices", "test", "palm_scanner", "--seconds", "0.5")
    assert palm.code == 0 and "768×576" in palm.out and "simulation" in palm.out
    card = cli("devices", "test", "card_reader", "--seconds", "1")
    assert card.code == 0 and "**********" in card.out  # the ID number is shown masked


def test_record_then_replay(home: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "recorded"
    assert cli("devices", "record", "palm_scanner", str(folder), "--count", "3").code == 0
    assert len(list(folder.glob("*.png"))) == 3
    save_config(
        home, MachineConfig(devices={"face_camera": DeviceSetting("replay-camera", {"path": str(folder)})})
    )
    replayed = cli("devices", "test", "face_camera", "--seconds", "0.3")
    assert replayed.code == 0 and "768×576" in replayed.out


def test_unknown_or_misconfigured_devices_are_user_errors(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    unknown = cli("devices", "test", "no-such-device")
    assert unknown.code == 1 and "Known drivers" in unknown.err
    save_config(
        home, MachineConfig(devices={"card_reader": DeviceSetting("idcard-serial", {"port": "/dev/nope"})})
    )
    assert load_config(home).devices["card_reader"].settings == {"port": "/dev/nope"}
    missing = cli("devices", "test", "card_reader")
    assert missing.code == 1 and "Traceback" not in missing.err
    (home / "fieldkit.toml").write_text("[devices.card_reader\nbroken", encoding="utf-8")
    assert cli("devices", "list").code == 1


def test_manual_entry_uses_the_id_rules() -> None:
    import pytest

    from fieldkit.devices.registry import manual_card_reader
    from fieldkit.identity.idnumber import IdNumberError

    typed = iter([("11010519491231002x", "张三"), ("110105194912310021", "李四")])
    reader = manual_card_reader(lambda: next(typed))
    card = reader.read_card()
    assert card.id_number == "11010519491231002X" and card.source == "manual"
    with pytest.raises(IdNumberError) as info:
        reader.read_card()
    assert info.value.code == "id.bad_check_digit"
