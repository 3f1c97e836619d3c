"""How long one receipt ID-binding hash takes, and what a brute-force search of a receipt costs.

Run: ``python benchmarks/bench_id_binding.py [--rounds N]``. Prints the measured seconds per scrypt
hash (the parameters ``fieldkit.identity.id_binding`` uses) and the CPU-time a brute-force search
of one receipt's QR needs under three attacker models (the page prints no ID digit and no birth
date, only name, gender and photo):

* full: area code unknown (~3,200 county-level GB/T 2260 codes) × birth date of a living retiree
  (1925-1975) × sequence of the printed gender (500); the check character is computed, no factor;
* county known (e.g. guessed from the place printed): birth date × sequence;
* one of ~20 counties of the agency's city: 20 × birth date × sequence.

Those figures are what an attacker pays *with* the agency ID-binding key (a stolen, unlocked laptop
of the agency, or a leak from headquarters). Receipts made on a laptop that holds the key (format
3, the normal case after the first work package) bind HMAC-SHA256(key, scrypt(ID, salt)): without
the 32-byte key, page + QR give no offline search at all — each guess would need the key as well
(2^256). The script measures the keyed hash too (scrypt plus one HMAC, the same cost). Receipts made
before a laptop received the key (format 2, unkeyed) are exposed to the figures above as printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from fieldkit.identity import id_binding

CPU_YEAR = 365.25 * 24 * 3600
AREA_CODES = 3_200
BIRTH_DAYS = (dt.date(1975, 12, 31) - dt.date(1925, 1, 1)).days + 1
SEQUENCES_OF_ONE_GENDER = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, choices=range(1, 1001), metavar="N")
    rounds = parser.parse_args().rounds
    key = os.urandom(id_binding.AGENCY_KEY_BYTES)
    agency_key = (id_binding.agency_key_id(key), key)
    id_binding.bind_id("11010519491231002X")  # warm-up
    start = time.process_time()
    for i in range(rounds):
        id_binding.bind_id("11010519491231002X", salt=i.to_bytes(16, "big"))
    per_hash = (time.process_time() - start) / rounds
    start = time.process_time()
    for i in range(rounds):
        id_binding.bind_id("11010519491231002X", salt=i.to_bytes(16, "big"), key=agency_key)
    per_keyed = (time.process_time() - start) / rounds
    print(f"scrypt n=2^{id_binding.LOG2_N} r={id_binding.R} p={id_binding.P}: "
          f"{per_hash * 1000:.0f} ms CPU per hash; keyed (format 3, + HMAC-SHA256): "
          f"{per_keyed * 1000:.0f} ms ({rounds} rounds)")  # fmt: skip
    print("Keyed receipts (format 3), attacker WITHOUT the agency key: no offline search (2^256 keys).")
    print("Unkeyed receipts (format 2), or an attacker holding the agency key:")
    for label, candidates in (
        ("full search (area x birth date x sequence)", AREA_CODES * BIRTH_DAYS * SEQUENCES_OF_ONE_GENDER),
        ("county known", BIRTH_DAYS * SEQUENCES_OF_ONE_GENDER),
        ("one of 20 counties", 20 * BIRTH_DAYS * SEQUENCES_OF_ONE_GENDER),
    ):
        cost = candidates * per_hash
        print(f"  {label}: {candidates:.2e} candidates -> {cost / CPU_YEAR:,.2f} CPU-years "
              f"({cost / 86400:,.0f} CPU-days)")  # fmt: skip


if __name__ == "__main__":
    main()
