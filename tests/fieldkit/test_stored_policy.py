"""The certification policy lives in the store: only a supervisor changes it (audited), and the CLI
uses what was saved (here: two samples per hand instead of three)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit import auth
from fieldkit.errors import UserError
from fieldkit.workflows.stored_policy import PolicySettings, read_policy, stored_context, write_policy
from matching.fusion import Policy
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE


def test_only_a_supervisor_saves_the_policy_and_the_cli_uses_it(
    store_file: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "clerk pass 1")
    with Store.open(store_file, PASSPHRASE) as store:
        clerk = auth.add_operator(
            store, login="li", name="李", role="operator", password="clerk pass 1", actor="cli"
        )
        lead = auth.add_operator(
            store, login="wu", name="吴", role="supervisor", password="lead pass 12", actor="cli"
        )
        assert read_policy(store) == PolicySettings(Policy())
        with pytest.raises(UserError):
            write_policy(store, clerk, PolicySettings(Policy(), samples_per_hand=2))
        write_policy(store, lead, PolicySettings(Policy(max_attempts=2), samples_per_hand=2))
        assert read_policy(store).samples_per_hand == 2 and read_policy(store).policy.max_attempts == 2
        assert stored_context(store)[1] == 2
        assert store.audit_events()[-1].action == "policy.changed"
    card = next(iter(synthetic_cards(1, seed=5)))
    files = {}
    for hand, identity in (("left", 71), ("right", 72)):
        files[hand] = []
        for sample in range(2):
            path = tmp_path / f"{hand}{sample}.png"
            cv2.imwrite(str(path), synthetic_hand(identity, sample))
            files[hand].append(str(path))
    result = cli(
        "--operator",
        "li",
        "enroll",
        "--id-number",
        card.id_number,
        "--name",
        card.name,
        "--palm-left",
        *files["left"],
        "--palm-right",
        *files["right"],
    )
    assert result.code == 0, result.err  # two samples suffice under the stored policy


def test_a_damaged_stored_policy_is_a_clear_error(store: Store) -> None:
    with store.transaction("op"):
        store.set_meta("policy", "{not json", action="test.damage")
    with pytest.raises(UserError) as info:
        read_policy(store)
    assert info.value.code == "policy.damaged"
