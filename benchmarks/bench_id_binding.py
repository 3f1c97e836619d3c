"""How long one receipt ID-binding hash takes, and what a brute-force search of a receipt costs.

Run: ``python benchmarks/bench_id_binding.py [--rounds N]``. Prints the measured seconds per scrypt
hash (the parameters ``fieldkit.identity.id_binding`` uses) and the CPU-time a brute-force search
of one receipt's QR needs under three attacker models (the page prints no ID digit and no birth
date, only name, gender and photo):

* full: area code unknown (~3,200 county-level GB/T 2260 codes) × birth date of a living retiree
  (1925-1975) × sequence of the printed gender (500); the check character is computed, no factor;
* county known (e.g. guessed from the place printed): birth date × sequence;
* one of ~20 counties of the agency's city: 20 × birth date × sequence.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    id_binding.bind_id("11010519491231002X")  # warm-up
    start = time.process_time()
    for i in range(rounds):
        id_binding.bind_id("11010519491231002X", salt=i.to_bytes(16, "big"))
    per_hash = (time.process_time() - start) / rounds
    print(f"scrypt n=2^{id_binding.LOG2_N} r={id_binding.R} p={id_binding.P}: "
          f"{per_hash * 1000:.0f} ms CPU per hash ({rounds} rounds)")  # fmt: skip
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
