"""Generate ``data/states.jsonl``: one gazetteer record per ISO 3166-1 country.

Run by developers (not at run time) after editing the table below or upgrading
pycountry::

    python loaders/gazetteer/build_states.py

pycountry gives every country its ISO names; news rarely uses them ("Türkiye",
"Korea, Republic of"), so the curated table adds the short names, adjectives,
demonyms and capital/seat metonyms that conflict reporting actually uses.
Countries not in the table keep their pycountry names only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"

# alpha-2: (short name, aliases, adjectives/demonyms, metonyms); ";"-separated.
# The short name gives the record id (its slug).  Keep every surface form unique
# across the table and curated.jsonl: tests/test_gazetteer_data.py checks it.
CURATED: dict[str, tuple[str, str, str, str]] = {
    "AF": ("Afghanistan", "Islamic Republic of Afghanistan", "Afghan; Afghans", "Kabul"),
    "AL": ("Albania", "Republic of Albania", "Albanian; Albanians", "Tirana"),
    "DZ": ("Algeria", "People's Democratic Republic of Algeria", "Algerian; Algerians", "Algiers"),
    "AO": ("Angola", "Republic of Angola", "Angolan; Angolans", "Luanda"),
    "AR": ("Argentina", "Argentine Republic", "Argentine; Argentinian; Argentines", "Buenos Aires"),
    "AM": ("Armenia", "Republic of Armenia", "Armenian; Armenians", "Yerevan"),
    "AU": ("Australia", "Commonwealth of Australia", "Australian; Australians", "Canberra"),
    "AT": ("Austria", "Republic of Austria", "Austrian; Austrians", "Vienna"),
    "AZ": ("Azerbaijan", "Republic of Azerbaijan", "Azerbaijani; Azerbaijanis; Azeri; Azeris", "Baku"),
    "BH": ("Bahrain", "Kingdom of Bahrain", "Bahraini; Bahrainis", "Manama"),
    "BD": ("Bangladesh", "People's Republic of Bangladesh", "Bangladeshi; Bangladeshis", "Dhaka"),
    "BY": ("Belarus", "Republic of Belarus; Byelorussia", "Belarusian; Belarusians; Belarussian", "Minsk"),
    "BE": ("Belgium", "Kingdom of Belgium", "Belgian; Belgians", ""),
    "BJ": ("Benin", "Republic of Benin", "Beninese", "Porto-Novo; Cotonou"),
    "BO": ("Bolivia", "", "Bolivian; Bolivians", "La Paz"),
    "BA": (
        "Bosnia and Herzegovina",
        "Bosnia; Bosnia-Herzegovina; Bosnia & Herzegovina",
        "Bosnian; Bosnians",
        "Sarajevo",
    ),
    "BR": ("Brazil", "Federative Republic of Brazil", "Brazilian; Brazilians", "Brasilia; Brasília"),
    "BF": ("Burkina Faso", "Burkina", "Burkinabe; Burkinabè", "Ouagadougou"),
    "BI": ("Burundi", "Republic of Burundi", "Burundian; Burundians", "Gitega; Bujumbura"),
    "KH": ("Cambodia", "Kingdom of Cambodia", "Cambodian; Cambodians", "Phnom Penh"),
    "CM": ("Cameroon", "Republic of Cameroon", "Cameroonian; Cameroonians", "Yaounde; Yaoundé"),
    "CA": ("Canada", "", "Canadian; Canadians", "Ottawa"),
    "CF": ("Central African Republic", "Centrafrique", "Central African; Central Africans", "Bangui"),
    "TD": ("Chad", "Republic of Chad", "Chadian; Chadians", "N'Djamena; Ndjamena; N'djamena"),
    "CL": ("Chile", "Republic of Chile", "Chilean; Chileans", "Santiago"),
    "CN": (
        "China",
        "People's Republic of China; PRC; the PRC; mainland China",
        "Chinese",
        "Beijing; Zhongnanhai",
    ),
    "CO": ("Colombia", "Republic of Colombia", "Colombian; Colombians", "Bogota; Bogotá; Casa de Nariño"),
    "CD": (
        "Democratic Republic of the Congo",
        "DR Congo; D.R. Congo; DRC; the DRC; Congo; Democratic Republic of Congo; "
        "DR of Congo; Congo-Kinshasa",
        "Congolese",
        "Kinshasa",
    ),
    "CG": (
        "Republic of the Congo",
        "Republic of Congo; Congo Republic; Congo-Brazzaville",
        "",
        "Brazzaville",
    ),
    "CU": ("Cuba", "Republic of Cuba", "Cuban; Cubans", "Havana"),
    "CY": ("Cyprus", "Republic of Cyprus", "Cypriot; Cypriots", "Nicosia"),
    "CZ": ("Czech Republic", "Czechia", "Czech; Czechs", "Prague"),
    "DK": ("Denmark", "Kingdom of Denmark", "Danish; Danes", "Copenhagen"),
    "DJ": ("Djibouti", "Republic of Djibouti", "Djiboutian; Djiboutians", ""),
    "EG": ("Egypt", "Arab Republic of Egypt", "Egyptian; Egyptians", "Cairo"),
    "ER": ("Eritrea", "State of Eritrea", "Eritrean; Eritreans", "Asmara"),
    "EE": ("Estonia", "Republic of Estonia", "Estonian; Estonians", "Tallinn"),
    "ET": ("Ethiopia", "Federal Democratic Republic of Ethiopia", "Ethiopian; Ethiopians", "Addis Ababa"),
    "FI": ("Finland", "Republic of Finland", "Finnish; Finns", "Helsinki"),
    "FR": (
        "France",
        "French Republic",
        "French",
        "Paris; Elysee; Élysée; Elysee Palace; Élysée Palace; Quai d'Orsay",
    ),
    "GA": ("Gabon", "Gabonese Republic", "Gabonese", "Libreville"),
    "GE": ("Georgia", "", "Georgian; Georgians", "Tbilisi"),
    "DE": ("Germany", "Federal Republic of Germany", "German; Germans", "Berlin"),
    "GH": ("Ghana", "Republic of Ghana", "Ghanaian; Ghanaians", "Accra"),
    "GR": ("Greece", "Hellenic Republic", "Greek; Greeks", "Athens"),
    "GN": ("Guinea", "Republic of Guinea; Guinea-Conakry", "Guinean; Guineans", "Conakry"),
    "GW": ("Guinea-Bissau", "Republic of Guinea-Bissau", "Bissau-Guinean; Bissau-Guineans", "Bissau"),
    "HT": ("Haiti", "Republic of Haiti", "Haitian; Haitians", "Port-au-Prince"),
    "HU": ("Hungary", "", "Hungarian; Hungarians", "Budapest"),
    "IN": ("India", "Republic of India", "Indian; Indians", "New Delhi"),
    "ID": ("Indonesia", "Republic of Indonesia", "Indonesian; Indonesians", "Jakarta"),
    "IR": ("Iran", "Islamic Republic of Iran; the Islamic Republic", "Iranian; Iranians", "Tehran; Teheran"),
    "IQ": ("Iraq", "Republic of Iraq", "Iraqi; Iraqis", "Baghdad"),
    "IE": ("Ireland", "Republic of Ireland", "Irish", "Dublin"),
    "IL": ("Israel", "State of Israel", "Israeli; Israelis", "Jerusalem"),
    "IT": ("Italy", "Italian Republic", "Italian; Italians", "Rome"),
    "CI": ("Ivory Coast", "Côte d'Ivoire; Cote d'Ivoire", "Ivorian; Ivorians", "Abidjan; Yamoussoukro"),
    "JP": ("Japan", "", "Japanese", "Tokyo"),
    "JO": ("Jordan", "Hashemite Kingdom of Jordan", "Jordanian; Jordanians", "Amman"),
    "KZ": ("Kazakhstan", "Republic of Kazakhstan", "Kazakh; Kazakhs; Kazakhstani", "Astana"),
    "KE": ("Kenya", "Republic of Kenya", "Kenyan; Kenyans", "Nairobi"),
    "KP": (
        "North Korea",
        "Democratic People's Republic of Korea; DPRK; the DPRK; N. Korea",
        "North Korean; North Koreans",
        "Pyongyang",
    ),
    "KR": ("South Korea", "Republic of Korea; ROK; S. Korea", "South Korean; South Koreans", "Seoul"),
    "KW": ("Kuwait", "State of Kuwait", "Kuwaiti; Kuwaitis", "Kuwait City"),
    "KG": ("Kyrgyzstan", "Kyrgyz Republic; Kirghizia", "Kyrgyz", "Bishkek"),
    "LV": ("Latvia", "Republic of Latvia", "Latvian; Latvians", "Riga"),
    "LB": ("Lebanon", "Lebanese Republic", "Lebanese", "Beirut; Baabda"),
    "LY": ("Libya", "State of Libya", "Libyan; Libyans", "Tripoli"),
    "LT": ("Lithuania", "Republic of Lithuania", "Lithuanian; Lithuanians", "Vilnius"),
    "ML": ("Mali", "Republic of Mali", "Malian; Malians", "Bamako"),
    "MR": ("Mauritania", "Islamic Republic of Mauritania", "Mauritanian; Mauritanians", "Nouakchott"),
    "MX": ("Mexico", "United Mexican States", "Mexican; Mexicans", "Mexico City"),
    "MD": ("Moldova", "", "Moldovan; Moldovans", "Chisinau; Chișinău"),
    "MA": ("Morocco", "Kingdom of Morocco", "Moroccan; Moroccans", "Rabat"),
    "MZ": ("Mozambique", "Republic of Mozambique", "Mozambican; Mozambicans", "Maputo"),
    "MM": (
        "Myanmar",
        "Burma; Republic of the Union of Myanmar",
        "Burmese",
        "Naypyitaw; Naypyidaw; Nay Pyi Taw",
    ),
    "NL": ("Netherlands", "the Netherlands; Kingdom of the Netherlands; Holland", "Dutch", ""),
    "NZ": ("New Zealand", "", "New Zealander; New Zealanders", "Wellington"),
    "NI": ("Nicaragua", "Republic of Nicaragua", "Nicaraguan; Nicaraguans", "Managua"),
    "NE": ("Niger", "Republic of the Niger; Republic of Niger", "Nigerien; Nigeriens", "Niamey"),
    "NG": ("Nigeria", "Federal Republic of Nigeria", "Nigerian; Nigerians", "Abuja"),
    "NO": ("Norway", "Kingdom of Norway", "Norwegian; Norwegians", "Oslo"),
    "OM": ("Oman", "Sultanate of Oman", "Omani; Omanis", "Muscat"),
    "PK": ("Pakistan", "Islamic Republic of Pakistan", "Pakistani; Pakistanis", "Islamabad"),
    "PS": (
        "Palestine",
        "State of Palestine; Palestinian territories; occupied Palestinian territories; "
        "occupied Palestinian territory",
        "Palestinian; Palestinians",
        "Ramallah",
    ),
    "PE": ("Peru", "Republic of Peru", "Peruvian; Peruvians", "Lima"),
    "PH": (
        "Philippines",
        "the Philippines; Republic of the Philippines",
        "Filipino; Filipinos; Philippine",
        "Manila",
    ),
    "PL": ("Poland", "Republic of Poland", "Polish", "Warsaw"),
    "PT": ("Portugal", "Portuguese Republic", "Portuguese", "Lisbon"),
    "QA": ("Qatar", "State of Qatar", "Qatari; Qataris", "Doha"),
    "RO": ("Romania", "", "Romanian; Romanians", "Bucharest"),
    "RU": (
        "Russia",
        "Russian Federation; the Russian Federation",
        "Russian; Russians",
        "Moscow; Kremlin; the Kremlin",
    ),
    "RW": ("Rwanda", "Republic of Rwanda", "Rwandan; Rwandans", "Kigali"),
    "SA": (
        "Saudi Arabia",
        "Kingdom of Saudi Arabia; KSA",
        "Saudi; Saudis; Saudi Arabian; Saudi Arabians",
        "Riyadh",
    ),
    "SN": ("Senegal", "Republic of Senegal", "Senegalese", "Dakar"),
    "RS": ("Serbia", "Republic of Serbia", "Serbian; Serbians; Serb; Serbs", "Belgrade"),
    "SK": ("Slovakia", "Slovak Republic", "Slovak; Slovaks; Slovakian", "Bratislava"),
    "SO": ("Somalia", "Federal Republic of Somalia", "Somali; Somalis", "Mogadishu; Villa Somalia"),
    "ZA": ("South Africa", "Republic of South Africa", "South African; South Africans", "Pretoria"),
    "SS": ("South Sudan", "Republic of South Sudan", "South Sudanese", "Juba"),
    "ES": ("Spain", "Kingdom of Spain", "Spanish; Spaniards", "Madrid"),
    "LK": ("Sri Lanka", "Democratic Socialist Republic of Sri Lanka", "Sri Lankan; Sri Lankans", "Colombo"),
    "SD": ("Sudan", "Republic of the Sudan; the Sudan", "Sudanese", "Khartoum; Port Sudan"),
    "SE": ("Sweden", "Kingdom of Sweden", "Swedish; Swedes", "Stockholm"),
    "CH": ("Switzerland", "Swiss Confederation", "Swiss", "Bern"),
    "SY": ("Syria", "Syrian Arab Republic", "Syrian; Syrians", "Damascus"),
    "TW": ("Taiwan", "Republic of China (Taiwan)", "Taiwanese", "Taipei"),
    "TJ": ("Tajikistan", "Republic of Tajikistan", "Tajik; Tajiks; Tajikistani", "Dushanbe"),
    "TZ": ("Tanzania", "", "Tanzanian; Tanzanians", "Dodoma"),
    "TH": ("Thailand", "Kingdom of Thailand", "Thai", "Bangkok"),
    "TG": ("Togo", "Togolese Republic", "Togolese", "Lome; Lomé"),
    "TN": ("Tunisia", "Republic of Tunisia", "Tunisian; Tunisians", "Tunis"),
    "TR": ("Turkey", "Türkiye; Turkiye; Republic of Turkey", "Turkish; Turks", "Ankara"),
    "TM": ("Turkmenistan", "", "Turkmen", "Ashgabat"),
    "UG": ("Uganda", "Republic of Uganda", "Ugandan; Ugandans", "Kampala"),
    "UA": ("Ukraine", "", "Ukrainian; Ukrainians", "Kyiv; Kiev"),
    "AE": (
        "United Arab Emirates",
        "UAE; the UAE; U.A.E.; the U.A.E.; the Emirates",
        "Emirati; Emiratis",
        "Abu Dhabi",
    ),
    "GB": (
        "United Kingdom",
        "UK; U.K.; the UK; the U.K.; Britain; Great Britain; the United Kingdom",
        "British; Briton; Britons; Brits",
        "London; Downing Street; Whitehall; HM Treasury; Number 10; No. 10",
    ),
    "US": (
        "United States",
        "U.S.; US; USA; U.S.A.; the U.S.; the US; the USA; the United States; America",
        "American; Americans",
        "Washington; White House; the White House; Pentagon; the Pentagon; State Department; "
        "the State Department; Department of State; Treasury; the Treasury; Treasury Department; "
        "the Treasury Department; Department of the Treasury; OFAC; Office of Foreign Assets Control; "
        "Foggy Bottom",
    ),
    "UZ": ("Uzbekistan", "Republic of Uzbekistan", "Uzbek; Uzbeks", "Tashkent"),
    "VA": ("Vatican", "Holy See; the Holy See; Vatican City; Vatican City State", "", ""),
    "VE": ("Venezuela", "", "Venezuelan; Venezuelans", "Caracas; Miraflores Palace"),
    "VN": ("Vietnam", "Viet Nam; Socialist Republic of Vietnam", "Vietnamese", "Hanoi"),
    "EH": ("Western Sahara", "Sahrawi Arab Democratic Republic; SADR", "Sahrawi; Sahrawis", ""),
    "YE": ("Yemen", "Republic of Yemen", "Yemeni; Yemenis", "Sanaa; Sana'a"),
    "ZW": ("Zimbabwe", "Republic of Zimbabwe", "Zimbabwean; Zimbabweans", "Harare"),
}

# pycountry names that news uses for another country: "Congo" alone almost
# always means the DR Congo, so the Republic of the Congo does not get it.
WITHHELD: dict[str, set[str]] = {"CG": {"Congo"}}

# ISO names written "Name, qualifier" ("Korea, Republic of") never occur in news.
_INVERTED = re.compile(r",\s")


def slugify(text: str) -> str:
    """Lowercase ASCII slug, the rule of graph.model.slugify, so ids agree."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120]


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def _dedupe(forms: list[str], exclude: set[str]) -> list[str]:
    """Keep first spelling of each form, case-insensitively, minus ``exclude``."""
    seen = {e.casefold() for e in exclude}
    out: list[str] = []
    for form in forms:
        key = form.casefold()
        if key not in seen:
            seen.add(key)
            out.append(form)
    return out


def _iso_names(country: object) -> list[str]:
    names = [
        getattr(country, "common_name", None),
        getattr(country, "name", None),
        getattr(country, "official_name", None),
    ]
    out: list[str] = []
    for name in names:
        if not name or _INVERTED.search(name):
            continue
        if name.startswith("the "):
            name = name[4:]
        out.append(name)
    return out


def build_records() -> list[dict[str, object]]:
    """One record per pycountry country, curated table merged in."""
    records: list[dict[str, object]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        iso = _iso_names(country)
        if country.alpha_2 in CURATED:
            name, aliases, adjectives, metonyms = CURATED[country.alpha_2]
            alias_list = _split(aliases) + iso
            adjective_list = _split(adjectives)
            metonym_list = _split(metonyms)
        else:
            # Parenthesised qualifiers ("Saint Martin (French part)") go from the name.
            name = re.sub(r"\s*\(.*?\)", "", iso[0] if iso else country.name).strip()
            alias_list = [*iso, country.name]
            adjective_list, metonym_list = [], []
        records.append(
            {
                "id": slugify(name),
                "name": name,
                "kind": "state",
                "aliases": _dedupe(alias_list, {name} | WITHHELD.get(country.alpha_2, set())),
                "adjectives": _dedupe(adjective_list, set()),
                "metonyms": _dedupe(metonym_list, set()),
                "country": country.alpha_2,
                "parent": None,
                "source": "pycountry",
                "note": f"ISO 3166-1 {country.alpha_3}",
            }
        )
    return records


def main(argv: list[str] | None = None) -> int:
    """Write the states file; the output path is overridable for dry runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "states.jsonl")
    args = parser.parse_args(argv)
    unknown = set(CURATED) - {c.alpha_2 for c in pycountry.countries}
    if unknown:
        print(f"curated codes missing from pycountry: {sorted(unknown)}", file=sys.stderr)
        return 1
    records = build_records()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} states to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
