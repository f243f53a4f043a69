"""Generate ``data/state_codes.tsv``: the code crosswalk of every state in ``states.jsonl``.

Run by developers (not at run time) after editing the tables below or upgrading
pycountry::

    python loaders/gazetteer/build_codes.py

One row per ISO 3166-1 country: its alpha-2 (the gazetteer's ``country``), ISO
alpha-3 and numeric codes (pycountry), its CAMEO country code (the three letters
the Phoenix/CAMEO dictionaries and GDELT's ``Actor1CountryCode`` use: the ISO
alpha-3 code, plus the older codes CAMEO kept), and its Gleditsch-Ward and
Correlates of War state numbers.

The GW and COW numbers are written here from the published state lists
(Gleditsch & Ward, "A revised list of independent states since 1816", 1999, with
its microstates list; the Correlates of War "State System Membership" list).
They are public facts, not copied from any library. Only states that are
members of those systems today have numbers; territories have none. A number
that belongs to the state's predecessor (GW 345 Yugoslavia for Serbia, GW 255
Germany before 1945, COW 260 the Federal Republic before 1990) is listed as an
extra code of the successor, which datasets still code with it (UCDP codes
Serbia 345). Microstates carry the numbers of the GW microstates list.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"
OUTPUT = DATA_DIR / "state_codes.tsv"

# alpha-2: COW number, GW number (the same for most states; 0: not in that list).
NUMBERS: dict[str, tuple[int, int]] = {
    # Americas
    "US": (2, 2), "CA": (20, 20), "BS": (31, 31), "CU": (40, 40), "HT": (41, 41),
    "DO": (42, 42), "JM": (51, 51), "TT": (52, 52), "BB": (53, 53), "DM": (54, 54),
    "GD": (55, 55), "LC": (56, 56), "VC": (57, 57), "AG": (58, 58), "KN": (60, 60),
    "MX": (70, 70), "BZ": (80, 80), "GT": (90, 90), "HN": (91, 91), "SV": (92, 92),
    "NI": (93, 93), "CR": (94, 94), "PA": (95, 95), "CO": (100, 100), "VE": (101, 101),
    "GY": (110, 110), "SR": (115, 115), "EC": (130, 130), "PE": (135, 135), "BR": (140, 140),
    "BO": (145, 145), "PY": (150, 150), "CL": (155, 155), "AR": (160, 160), "UY": (165, 165),
    # Europe
    "GB": (200, 200), "IE": (205, 205), "NL": (210, 210), "BE": (211, 211), "LU": (212, 212),
    "FR": (220, 220), "MC": (221, 221), "LI": (223, 223), "CH": (225, 225), "ES": (230, 230),
    "AD": (232, 232), "PT": (235, 235), "DE": (255, 260), "PL": (290, 290), "AT": (305, 305),
    "HU": (310, 310), "CZ": (316, 316), "SK": (317, 317), "IT": (325, 325), "VA": (327, 0),
    "SM": (331, 331), "MT": (338, 338), "AL": (339, 339), "ME": (341, 341), "MK": (343, 343),
    "HR": (344, 344), "RS": (345, 340), "BA": (346, 346), "SI": (349, 349), "GR": (350, 350),
    "CY": (352, 352), "BG": (355, 355), "MD": (359, 359), "RO": (360, 360), "RU": (365, 365),
    "EE": (366, 366), "LV": (367, 367), "LT": (368, 368), "UA": (369, 369), "BY": (370, 370),
    "AM": (371, 371), "GE": (372, 372), "AZ": (373, 373), "FI": (375, 375), "SE": (380, 380),
    "NO": (385, 385), "DK": (390, 390), "IS": (395, 395),
    # Africa
    "CV": (402, 402), "ST": (403, 403), "GW": (404, 404), "GQ": (411, 411), "GM": (420, 420),
    "ML": (432, 432), "SN": (433, 433), "BJ": (434, 434), "MR": (435, 435), "NE": (436, 436),
    "CI": (437, 437), "GN": (438, 438), "BF": (439, 439), "LR": (450, 450), "SL": (451, 451),
    "GH": (452, 452), "TG": (461, 461), "CM": (471, 471), "NG": (475, 475), "GA": (481, 481),
    "CF": (482, 482), "TD": (483, 483), "CG": (484, 484), "CD": (490, 490), "UG": (500, 500),
    "KE": (501, 501), "TZ": (510, 510), "BI": (516, 516), "RW": (517, 517), "SO": (520, 520),
    "DJ": (522, 522), "ET": (530, 530), "ER": (531, 531), "AO": (540, 540), "MZ": (541, 541),
    "ZM": (551, 551), "ZW": (552, 552), "MW": (553, 553), "ZA": (560, 560), "NA": (565, 565),
    "LS": (570, 570), "BW": (571, 571), "SZ": (572, 572), "MG": (580, 580), "KM": (581, 581),
    "MU": (590, 590), "SC": (591, 591),
    # Middle East and North Africa
    "MA": (600, 600), "DZ": (615, 615), "TN": (616, 616), "LY": (620, 620), "SD": (625, 625),
    "SS": (626, 626), "IR": (630, 630), "TR": (640, 640), "IQ": (645, 645), "EG": (651, 651),
    "SY": (652, 652), "LB": (660, 660), "JO": (663, 663), "IL": (666, 666), "SA": (670, 670),
    "YE": (679, 678), "KW": (690, 690), "BH": (692, 692), "QA": (694, 694), "AE": (696, 696),
    "OM": (698, 698),
    # Asia
    "AF": (700, 700), "TM": (701, 701), "TJ": (702, 702), "KG": (703, 703), "UZ": (704, 704),
    "KZ": (705, 705), "CN": (710, 710), "MN": (712, 712), "TW": (713, 713), "KP": (731, 731),
    "KR": (732, 732), "JP": (740, 740), "IN": (750, 750), "BT": (760, 760), "PK": (770, 770),
    "BD": (771, 771), "MM": (775, 775), "LK": (780, 780), "MV": (781, 781), "NP": (790, 790),
    "TH": (800, 800), "KH": (811, 811), "LA": (812, 812), "VN": (816, 816), "MY": (820, 820),
    "SG": (830, 830), "BN": (835, 835), "PH": (840, 840), "ID": (850, 850), "TL": (860, 860),
    # Oceania
    "AU": (900, 900), "PG": (910, 910), "NZ": (920, 920), "VU": (935, 935), "SB": (940, 940),
    "KI": (946, 946), "TV": (947, 947), "FJ": (950, 950), "TO": (955, 955), "NR": (970, 970),
    "MH": (983, 983), "PW": (986, 986), "FM": (987, 987), "WS": (990, 990),
}

# Older numbers datasets still code a state with: GW 345 (Yugoslavia, Serbia and
# Montenegro; UCDP codes Serbia 345), GW 255 (Germany before 1945), COW 260 (the
# Federal Republic before 1990).  Separated by ";".
EXTRA_GW: dict[str, str] = {"RS": "345", "DE": "255"}
EXTRA_COW: dict[str, str] = {"DE": "260"}

# CAMEO country codes other than the ISO alpha-3 code (CAMEO 1.1b3 kept the ISO codes of
# its day: Romania ROM, East Timor TMP, Zaire ZAR for the DR Congo; Phoenix has KSV
# for Kosovo, which ISO 3166-1 does not list).
EXTRA_CAMEO: dict[str, str] = {"RO": "ROM", "TL": "TMP", "CD": "ZAR"}

COLUMNS = ("alpha2", "alpha3", "numeric", "cameo", "gw", "cow")


def rows() -> list[dict[str, str]]:
    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cow, gw = NUMBERS.get(country.alpha_2, (0, 0))
        cameo = ";".join(filter(None, (country.alpha_3, EXTRA_CAMEO.get(country.alpha_2))))
        out.append({
            "alpha2": country.alpha_2,
            "alpha3": country.alpha_3,
            "numeric": country.numeric,
            "cameo": cameo,
            "gw": ";".join(filter(None, (str(gw) if gw else "", EXTRA_GW.get(country.alpha_2)))),
            "cow": ";".join(filter(None, (str(cow) if cow else "", EXTRA_COW.get(country.alpha_2)))),
        })
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    missing = sorted(set(NUMBERS) - {c.alpha_2 for c in pycountry.countries})
    if missing:
        print(f"not ISO 3166-1 alpha-2 codes in NUMBERS: {', '.join(missing)}", file=sys.stderr)
        return 1
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
