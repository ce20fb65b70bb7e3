"""Write a large, realistic RunnerUp database for benchmarks and manual testing.

    python -m benchmarks.generate PATH --companies 20000 --contacts 100000 \\
        --follow-ups 200000 --interactions 300000 [--opportunities N] [--seed S] \\
        [--today YYYY-MM-DD] [--force]

or, from code, :func:`generate`, which returns :class:`GenerateStats`.

The file is created and migrated by the app's own :func:`open_store`; then every table
is filled with SQLAlchemy Core inserts compiled from the ORM's own tables, run with
``executemany`` in batches of 10,000 inside one transaction, so the schema, the indexes
and the stored formats (dates, timestamps, enum values) are the app's own. Two things
make that fast: the secondary indexes are dropped for the load and rebuilt from the
exact statements SQLite recorded for them, and values go through SQLAlchemy's bind
processors without its per-row bookkeeping (see :func:`_execute_many`).

The data is meant to look like a real, busy user's: names with accents from many
cultures, companies named and located around the world, long notes on some rows,
opportunities in every stage (many of them runner-up), follow-ups from eighteen months
ago to six months ahead (most past ones done or skipped, some overdue, some due today)
and two years of interactions. The denormalised columns are kept as the app keeps
them: ``name_key == fold(name)``, ``search_key`` by the models' own recipes, and
``last_touch_on`` is the latest ``occurred_on`` of the row's interactions whose direction
is not ``none`` (with ``updated_at`` no earlier than that day).

The same seed and the same ``today`` give the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    DateTime,
    Dialect,
    Insert,
    Table,
    Update,
    bindparam,
    insert,
    update,
)
from sqlalchemy.types import TypeEngine

from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    Direction,
    FollowUpStatus,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    Opportunity,
    ValueItem,
    company_search_key,
    contact_search_key,
)

Row = dict[str, Any]
T = TypeVar("T")

#: Rows per ``executemany`` call.
BATCH = 10_000
#: Follow-ups fall between this many days ago and ``FUTURE_DAYS`` ahead (two years in all).
PAST_DAYS = 540
FUTURE_DAYS = 190
#: Interactions fall within this many days before today.
HISTORY_DAYS = 730
#: Distinct long notes (300 to 2,000 characters); later long notes reuse them.
LONG_TEXTS = 4096


# --------------------------------------------------------------------------- people


def _names(text: str, separator: str = ",") -> tuple[str, ...]:
    """``"Zoë, Jürgen"`` -> ``("Zoë", "Jürgen")``: keeps the word lists short to read."""
    return tuple(word.strip() for word in text.split(separator) if word.strip())


@dataclass(frozen=True)
class Culture:
    given: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False
    middle: tuple[str, ...] = ()
    two_families: bool = False


CULTURES: dict[str, Culture] = {
    "german": Culture(
        given=_names(
            "Zoë, Jürgen, Jörg, Käthe, Lena, Maximilian, Anja, Günther, Uwe, Bärbel, "
            "Matthias, Lukas, Hannah, Felix, Sophie, Jonas, Marlene, Rüdiger, Annika, "
            "Tobias"
        ),
        family=_names(
            "Müller, Schröder, Weiß, Köhler, Bäcker, Hoffmann, Schäfer, Krüger, Fuß, "
            "Wagner, Schmidt, Jäger, Strauß, Günther, Möller, Böhm, Groß, Lößner, "
            "Zimmermann, Hübner"
        ),
    ),
    "polish": Culture(
        given=_names(
            "Łukasz, Wojciech, Małgorzata, Agnieszka, Paweł, Zofia, Jędrzej, Grzegorz, "
            "Katarzyna, Michał, Bożena, Krzysztof, Ewa, Żaneta, Tomasz"
        ),
        family=_names(
            "Wróbel, Wiśniewski, Kowalczyk, Nowak, Zieliński, Dąbrowska, Łukasiewicz, "
            "Szymańska, Woźniak, Kamiński, Błaszczyk, Jabłoński, Kaczmarek, Żuraw, "
            "Grabowska"
        ),
    ),
    "nordic": Culture(
        given=_names(
            "Søren, Bjørn, Åsa, Ørjan, Märta, Ingrid, Mikkel, Freja, Kåre, Linnéa, "
            "Astrid, Jens, Sigrid, Håkon, Mette, Göran, Signe, Frøydis"
        ),
        family=_names(
            "Kierkegaard, Ødegård, Sjöberg, Ångström, Nørgaard, Lindqvist, Jørgensen, "
            "Hægstad, Bråten, Østergaard, Åberg, Löfgren, Nyström, Sæther, Holmqvist, "
            "Dahl, Strøm, Bjørnstad"
        ),
    ),
    "icelandic": Culture(
        given=_names(
            "Ólafur, Sigríður, Þórdís, Guðrún, Jón, Björk, Ragnheiður, Eyjólfur, "
            "Þorsteinn, Hafdís, Ásgeir, Katrín"
        ),
        family=_names(
            "Guðmundsdóttir, Þórsson, Ólafsson, Sigurðardóttir, Jónsdóttir, Magnússon, "
            "Einarsson, Ragnarsdóttir, Stefánsson, Björnsdóttir"
        ),
    ),
    "spanish": Culture(
        given=_names(
            "José, María José, Begoña, Íñigo, Ramón, Inés, Martín, Lucía, Sofía, Nicolás,"
            " Andrés, Ángela, Joaquín, Mónica, Álvaro, Nuria, Tomás, Valentina, "
            "Sebastián, Camila"
        ),
        family=_names(
            "García, Núñez, Muñoz, Peña, Ibáñez, Martínez, Fernández, Gómez, Rodríguez, "
            "Sánchez, Díaz, Ordóñez, Jiménez, Castañeda, Pérez, López, Álvarez, Herrera, "
            "Ríos, Velázquez"
        ),
        two_families=True,
    ),
    "portuguese": Culture(
        given=_names(
            "João, Conceição, Gonçalo, Inês, Luís, Tânia, Sebastião, Mônica, Estêvão, "
            "Beatriz, Mário, Letícia, Fábio, Lúcia, Caio"
        ),
        family=_names(
            "Gonçalves, Araújo, Magalhães, Simões, Conceição, Brandão, Assunção, Falcão, "
            "Antunes, Ribeiro, Guimarães, Sampaio, Loureiro, Gusmão"
        ),
        two_families=True,
    ),
    "french": Culture(
        given=_names(
            "Amélie, François, Hélène, Jérôme, Zoé, Gaëlle, Noël, Léa, Benoît, Cécile, "
            "Anaïs, Loïc, Mathéo, Clémence, Maël, Océane, Raphaël"
        ),
        family=_names(
            "Lefèvre, Dubois, Béranger, Gérard, Mercier, Léger, Faure, Rousseau, "
            "Lemaître, Bézier, Girard, Lecœur, Benoît, Dupré, Ménard, Thébault"
        ),
    ),
    "nigerian": Culture(
        given=_names(
            "Ngozi, Chukwuemeka, Adaeze, Oluwaseun, Adébáyọ̀, Folasade, Ifeoma, Tunde, "
            "Babajide, Chiamaka, Aminu, Zainab, Ọlámídé, Emeka, Yetunde"
        ),
        family=_names(
            "Okonkwo, Adeyemi, Okafor, Ògúnlànà, Obi, Balogun, Eze, Nwosu, Adébáyọ̀, "
            "Okoro, Bello, Oyèlárán, Abubakar, Nwachukwu"
        ),
    ),
    "vietnamese": Culture(
        given=_names(
            "Anh, Hương, Tuấn, Thảo, Dũng, Linh, Phương, Hải, Trang, Khoa, Thư, Quỳnh, Long, Nhung"
        ),
        family=_names("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương"),
        middle=_names("Thị, Văn, Minh, Đức, Thu, Quang, Ngọc, Hữu, Thanh"),
        family_first=True,
    ),
    "turkish": Culture(
        given=_names(
            "Çağla, Şükrü, Gülşen, İlker, Ömer, Ayşe, Barış, Özge, Emre, Zeynep, Oğuz, "
            "Büşra, Tuğçe, Çınar"
        ),
        family=_names(
            "Yılmaz, Öztürk, Şahin, Çelik, Doğan, Kılıç, Aydın, Güneş, Koç, Karakuş, "
            "Özdemir, Arslan, Kaya, Işık"
        ),
    ),
    "czech": Culture(
        given=_names(
            "Jiří, Šárka, Tomáš, Kateřina, Ondřej, Zdeněk, Lucie, Radek, Věra, Přemysl, "
            "Zuzana, Matěj"
        ),
        family=_names(
            "Dvořák, Novák, Svobodová, Černý, Procházka, Kučera, Veselý, Růžička, Hájek, "
            "Šťastný, Křížová, Bláha"
        ),
    ),
    "hungarian": Culture(
        given=_names(
            "Zsófia, Gábor, Réka, Bálint, Ádám, Eszter, Lőrinc, Tünde, Dóra, Péter, Örs, Boglárka"
        ),
        family=_names(
            "Erdős, Szabó, Kovács, Tóth, Nagy, Horváth, Varga, Fűzfa, Pál, Szűcs, Bíró, Győri"
        ),
        family_first=True,
    ),
    "irish": Culture(
        given=_names(
            "Siobhán, Seán, Aoife, Niamh, Pádraig, Caoimhe, Ciarán, Rhiannon, Dafydd, "
            "Eoin, Róisín, Máire, Oisín"
        ),
        family=_names(
            "Ó Briain, Ní Dhomhnaill, O'Connor, Mac Giolla, Ó Súilleabháin, Gallagher, "
            "Llewellyn, O'Sullivan, McCarthy, Ó Ceallaigh, Ní Bhriain, Fitzgerald"
        ),
    ),
    "romanian": Culture(
        given=_names(
            "Ștefan, Ioana, Mădălina, Răzvan, Andreea, Bogdan, Ilinca, Tudor, Ană, Crăciun"
        ),
        family=_names(
            "Popescu, Ionescu, Țurcanu, Mureșan, Dumitrescu, Stănescu, Vlădescu, "
            "Lăzărescu, Niță, Bălan"
        ),
    ),
    "japanese": Culture(
        given=_names("Yūki, Haruto, Sakura, Ren, Aoi, Kenta, Hana, Sōta, Mei, Yūto, Ryō, Kōhei"),
        family=_names(
            "Satō, Suzuki, Takahashi, Kobayashi, Itō, Watanabe, Yamamoto, Katō, Ōno, "
            "Saitō, Inoue, Kondō"
        ),
    ),
    "chinese": Culture(
        given=_names("Wei, Xiaoming, Jing, Yiran, Haoran, Mei, Zihan, Yuting, Lei"),
        family=_names("Zhang, Wang, Li, Liu, Chen, Yang, Huang, Zhao, Lǚ, Xú"),
        family_first=True,
    ),
    "indian": Culture(
        given=_names(
            "Priya, Arjun, Ananya, Rohan, Kavya, Vikram, Sanjana, Aditya, Lakshmi, Rahul,"
            " Meenakshi, Siddharth, Nikhil, Divya"
        ),
        family=_names(
            "Sharma, Iyer, Patel, Reddy, Nair, Gupta, Banerjee, Krishnamurthy, Menon, "
            "Chatterjee, Deshpande, Subramaniam"
        ),
    ),
    "arabic": Culture(
        given=_names(
            "Layla, Omar, Fatima, Youssef, Nour, Karim, Amira, Tariq, Rania, Hicham, Salma, Ziad"
        ),
        family=_names(
            "Haddad, El-Amin, Al-Sayed, Mansour, Khoury, Nassar, Abou Chakra, Ben "
            "Youssef, El Fassi, Bennani, Saadé"
        ),
    ),
    "english": Culture(
        given=_names(
            "Emily, James, Olivia, Michael, Sarah, David, Jessica, Daniel, Chloë, Renée, "
            "Noah, Grace, Ethan, Madison, Liam, Hannah, Owen"
        ),
        family=_names(
            "Smith, Johnson, Brown, Taylor, Anderson, Thompson, Walker, Harris, O'Brien, "
            "Fitzgerald-Hughes, Clarke, Bennett, Reyes, Nakamura-Price, Whitfield"
        ),
    ),
    "greek": Culture(
        given=_names("Geórgios, Eléni, Dimítris, Katerína, Nikólaos, Ioánna, Chrístos"),
        family=_names("Papadópoulos, Oikonómou, Georgíou, Konstantínou, Vlachoú, Karrás"),
    ),
    "italian": Culture(
        given=_names(
            "Niccolò, Giulia, Lorenzo, Chiara, Matteo, Francesca, Nicolò, Ilaria, Davide, Martina"
        ),
        family=_names(
            "Rossi, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, D'Angelo,"
            " Fabbrò, Cantù"
        ),
    ),
    "dutch": Culture(
        given=_names("Daan, Sanne, Joëlle, Bram, Fleur, Thijs, Noëlle, Ruud, Eefje"),
        family=_names(
            "de Vries, van den Berg, Jansen, Bakker, van Dijk, Visser, Smit, Meijer, de "
            "Jong, Mulder"
        ),
    ),
    "finnish": Culture(
        given=_names("Aino, Väinö, Eetu, Iida, Jääkko, Sanna, Mikko, Päivi, Onni"),
        family=_names(
            "Jääskeläinen, Mäkinen, Virtanen, Häkkinen, Nieminen, Lehtonen, Ylönen, Kärkkäinen"
        ),
    ),
}


@dataclass(frozen=True)
class Country:
    name: str
    phone_code: str
    culture: str
    legal: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, phone area code)
    weight: float


def _countries(table: str) -> tuple[Country, ...]:
    """One country a line: name | phone code | culture | legal forms | cities | weight.

    Legal forms are separated by ``;``; each city carries its phone area code.
    """
    countries: list[Country] = []
    for line in table.strip().splitlines():
        name, code, culture, legal, cities, weight = (cell.strip() for cell in line.split("|"))
        pairs: list[tuple[str, str]] = []
        for entry in _names(cities):
            city, area = entry.rsplit(" ", 1)
            pairs.append((city, area))
        countries.append(
            Country(name, code, culture, _names(legal, ";"), tuple(pairs), float(weight))
        )
    return tuple(countries)


COUNTRIES: tuple[Country, ...] = _countries(
    """
United States | 1 | english | Inc.; LLC
    | New York 212, San Francisco 415, Austin 512, Chicago 312, Seattle 206, Boston 617 | 14
United Kingdom | 44 | english | Ltd; PLC | London 20, Manchester 161, Edinburgh 131, Cardiff 29 | 8
Germany | 49 | german | GmbH; AG; SE
    | München 89, Düsseldorf 211, Köln 221, Berlin 30, Hamburg 40, Nürnberg 911 | 8
Switzerland | 41 | german | AG; GmbH; SA | Zürich 44, Genève 22, Basel 61, Lausanne 21 | 3
Austria | 43 | german | GmbH; AG | Wien 1, Graz 316 | 1.5
Poland | 48 | polish | Sp. z o.o.; S.A.
    | Kraków 12, Łódź 42, Gdańsk 58, Wrocław 71, Warszawa 22, Poznań 61 | 4
Denmark | 45 | nordic | A/S; ApS | København 3, Aarhus 8, Odense 6 | 2
Norway | 47 | nordic | AS; ASA | Oslo 2, Bergen 5, Tromsø 77, Trondheim 7 | 2
Sweden | 46 | nordic | AB | Stockholm 8, Göteborg 31, Malmö 40, Uppsala 18, Västerås 21 | 3
Iceland | 354 | icelandic | ehf.; hf. | Reykjavík 5, Akureyri 46 | 1
Finland | 358 | finnish | Oy; Oyj | Helsinki 9, Jyväskylä 14, Tampere 3 | 1.5
Spain | 34 | spanish | S.L.; S.A.
    | Madrid 91, Barcelona 93, Málaga 952, A Coruña 981, San Sebastián 943 | 4
Portugal | 351 | portuguese | Lda.; S.A. | Lisboa 21, Porto 22, Coimbra 239 | 2
Brazil | 55 | portuguese | Ltda.; S.A.
    | São Paulo 11, Florianópolis 48, Belo Horizonte 31, Curitiba 41 | 3
Mexico | 52 | spanish | S.A. de C.V. | Ciudad de México 55, Guadalajara 33, Querétaro 442 | 2
Colombia | 57 | spanish | S.A.S. | Bogotá 601, Medellín 604 | 1
France | 33 | french | SAS; SARL; S.A. | Paris 1, Lyon 4, Montpellier 4, Nantes 2, Besançon 3 | 5
Canada | 1 | french | Inc.; Ltée | Montréal 514, Québec 418, Toronto 416 | 2
Nigeria | 234 | nigerian | Ltd; PLC | Lagos 1, Abuja 9, Port Harcourt 84 | 2
Vietnam | 84 | vietnamese | JSC; Co., Ltd | Hà Nội 24, Thành phố Hồ Chí Minh 28, Đà Nẵng 236 | 2
Türkiye | 90 | turkish | A.Ş.; Ltd. Şti. | İstanbul 212, İzmir 232, Ankara 312 | 2
Czechia | 420 | czech | s.r.o.; a.s. | Praha 2, Brno 5, České Budějovice 38 | 1.5
Hungary | 36 | hungarian | Kft.; Zrt. | Budapest 1, Pécs 72, Győr 96 | 1
Romania | 40 | romanian | S.R.L.; S.A.
    | Cluj-Napoca 264, București 21, Iași 232, Timișoara 256 | 1.5
Ireland | 353 | irish | Ltd; DAC | Dublin 1, Cork 21, Galway 91 | 2
Japan | 81 | japanese | K.K. | Tōkyō 3, Ōsaka 6, Kyōto 75 | 2
China | 86 | chinese | Co., Ltd. | Shànghǎi 21, Shēnzhèn 755, Běijīng 10 | 1.5
India | 91 | indian | Pvt. Ltd. | Bengaluru 80, Pune 20, Hyderabad 40, Chennai 44 | 4
Netherlands | 31 | dutch | B.V.; N.V. | Amsterdam 20, Rotterdam 10, Utrecht 30 | 3
United Arab Emirates | 971 | arabic | LLC; FZ-LLC | Dubai 4, Abu Dhabi 2 | 1.5
Morocco | 212 | arabic | SARL | Casablanca 522, Rabat 537 | 1
Greece | 30 | greek | A.E.; I.K.E. | Athína 21, Thessaloníki 231 | 1
Italy | 39 | italian | S.r.l.; S.p.A. | Milano 02, Torino 011, Forlì 0543, Bologna 051 | 3
""".replace("\n    |", " |")
)
COUNTRY_CUM: list[float] = list(accumulate(c.weight for c in COUNTRIES))

# ------------------------------------------------------------------------- companies

BRANDS: tuple[str, ...] = _names(
    "Northwind, Bluepeak, Fjordlys, Aurora, Kestrel, Lumen, Nordlys, Solberg, Crème, Halcyon, "
    "Ålesund, Brightwater, Meridian, Polaris, Cobalt, Saffron, Tidewater, Juniper, Ironbark, "
    "Quill, Vireo, Larkspur, Sägewerk, Bergström, Ébène, Corvid, Nimbus, Granite, Helix, "
    "Orchard, Pelican, Sierra, Tundra, Umbra, Verdant, Wren, Zephyr, Açaí, Mañana, Señal, "
    "Lótus, Kōan, Mosaic, Pinnacle, Riverstone, Sable, Tessellate, Upland, Vantage, Willow, "
    "Yarrow, Zenith, Beacon, Cascade, Driftwood, Ember, Foxglove, Gossamer, Harbor, Indigo, "
    "Jade, Kelp, Lodestar, Magnolia, Nettle, Obsidian, Papillon, Quartz, Rosalind, Sørlandet, "
    "Trøndelag, Élan, Öresund, Łąka, Čapek, Ísafold, Đông Á, Sakura, Baobab, Kilimanjaro, "
    "Atlas, Caldera, Delta, Estuary, Fennel, Glacier, Hawthorn, Ibex, Jetty, Kiln, Lighthouse"
)

SECTORS: tuple[str, ...] = _names(
    "Analytics, Labs, Systems, Logistics, Health, Robotics, Energy, Foods, Studio, Capital, "
    "Bank, Insurance, Software, Biotech, Mobility, Media, Games, Retail, Textiles, Maritime, "
    "Aerospace, Telecom, Consulting, Design, Pharma, Security, Cloud, Data, Payments, Learning, "
    "Architects, Brewing"
)

GROUP_WORDS: tuple[str, ...] = ("Group", "Partners", "Collective", "Works", "Holdings", "& Co.")
STARTUP_ENDINGS: tuple[str, ...] = ("ly", "ify", "io", "hub", "works", "AI", "stack", "ora")

INDUSTRIES: tuple[str, ...] = _names(
    "Software, Fintech, Healthcare, Biotechnology, Logistics, Retail, E-commerce, Energy, "
    "Renewable energy, Manufacturing, Automotive, Aerospace, Telecommunications, Media, Video "
    "games, Education, Consulting, Banking, Insurance, Real estate, Hospitality, Food & "
    "beverage, Pharmaceuticals, Cybersecurity, Data platforms, Public sector, Non-profit, "
    "Architecture, Maritime, Agriculture, Fashion, Légal services"
)

STATUS_IDLE: tuple[CompanyStatus, ...] = (
    CompanyStatus.TARGET,
    CompanyStatus.TARGET,
    CompanyStatus.TARGET,
    CompanyStatus.ARCHIVED,
)

# ---------------------------------------------------------------------- contact roles

ROLES: tuple[ContactRole, ...] = tuple(ContactRole)
ROLE_WEIGHTS: tuple[float, ...] = tuple(
    {
        ContactRole.HIRING_MANAGER: 14,
        ContactRole.RECRUITER: 16,
        ContactRole.HR: 8,
        ContactRole.INTERVIEWER: 22,
        ContactRole.INSIDER: 14,
        ContactRole.REFERRAL: 8,
        ContactRole.WINNING_CANDIDATE: 3,
        ContactRole.OTHER: 15,
    }[role]
    for role in ROLES
)
NEWS_ROLES = frozenset({ContactRole.RECRUITER, ContactRole.HR, ContactRole.HIRING_MANAGER})

TITLES: dict[ContactRole, tuple[str, ...]] = {
    ContactRole.HIRING_MANAGER: _names(
        "Director of Engineering, Head of Product, VP Data, Engineering Manager, Head of "
        "Design, Chief Technology Officer, Directrice financière, Leiterin Softwareentwicklung, "
        "Head of Customer Success, Operations Director"
    ),
    ContactRole.RECRUITER: _names(
        "Senior Technical Recruiter, Talent Partner, Talent Acquisition Lead, Recruiter, "
        "Executive Search Consultant, Responsable recrutement, Talent Sourcer"
    ),
    ContactRole.HR: (
        "HR Business Partner",
        "People Operations Manager",
        "Chief People Officer",
        "Personalreferentin",
        "HR Generalist",
    ),
    ContactRole.INTERVIEWER: _names(
        "Staff Engineer, Senior Product Manager, Principal Designer, Data Scientist, Tech Lead, "
        "Engineering Manager, Solutions Architect, Product Analyst, Senior Software Engineer, "
        "UX Researcher"
    ),
    ContactRole.INSIDER: (
        "Software Engineer",
        "Product Marketing Manager",
        "Account Executive",
        "Former colleague",
        "Customer Success Manager",
        "Desarrolladora sénior",
    ),
    ContactRole.REFERRAL: (
        "Friend of a friend",
        "Former manager",
        "Alumni network",
        "Meetup organiser",
        "Mentor",
    ),
    ContactRole.WINNING_CANDIDATE: ("Engineering Manager", "Product Lead", "Senior Designer"),
    ContactRole.OTHER: (
        "Founder",
        "Board member",
        "Investor",
        "Office manager",
        "Conference speaker",
        "Community lead",
    ),
}

# ---------------------------------------------------------------------- opportunities

OPENINGS: tuple[tuple[str, JobLevel], ...] = (
    ("Engineering Manager, Data Platform", JobLevel.MIDDLE_MANAGEMENT),
    ("Senior Software Engineer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Staff Engineer, Payments", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Senior Product Designer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Product Manager, Growth", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Head of Data", JobLevel.MIDDLE_MANAGEMENT),
    ("Director of Engineering", JobLevel.SENIOR_EXECUTIVE),
    ("VP Product", JobLevel.SENIOR_EXECUTIVE),
    ("Chief Technology Officer", JobLevel.SENIOR_EXECUTIVE),
    ("Data Scientist, Forecasting", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Team Lead, Mobile", JobLevel.MIDDLE_MANAGEMENT),
    ("Responsable d'équipe Données", JobLevel.MIDDLE_MANAGEMENT),
    ("Teamleiter Backend-Entwicklung", JobLevel.MIDDLE_MANAGEMENT),
    ("Desarrollador/a Sénior", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Site Reliability Engineer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Customer Success Director", JobLevel.SENIOR_EXECUTIVE),
    ("UX Research Lead", JobLevel.MIDDLE_MANAGEMENT),
    ("Solutions Architect", JobLevel.INDIVIDUAL_CONTRIBUTOR),
)

STAGES: tuple[Stage, ...] = tuple(Stage)
STAGE_WEIGHTS: tuple[float, ...] = tuple(
    {
        Stage.APPLIED: 12,
        Stage.INTERVIEWING: 14,
        Stage.FINAL_ROUND: 8,
        Stage.OFFER: 4,
        Stage.RUNNER_UP: 22,
        Stage.HIRED: 6,
        Stage.CLOSED: 34,
    }[stage]
    for stage in STAGES
)
OPEN = frozenset({Stage.APPLIED, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER})
FINALISTS = frozenset({Stage.FINAL_ROUND, Stage.OFFER, Stage.RUNNER_UP, Stage.HIRED})
NEWS = frozenset({Stage.OFFER, Stage.RUNNER_UP, Stage.HIRED, Stage.CLOSED})

STORIES: tuple[str, ...] = (
    "Rebuilt the on-call rotation and halved pages.",
    "Grew two engineers into tech leads within a year.",
    "Led a 15-person cross-team migration as the single owner.",
    "Cut cloud spend by 38% without a single incident.",
    "Shipped the Łódź warehouse integration two weeks early.",
    "Ran the hiring loop for twelve roles, with a 90% offer-acceptance rate.",
    "Turned around a churning enterprise account in São Paulo.",
    "Designed the pricing experiment that lifted conversion by 11%.",
    "Wrote the incident-review playbook now used company-wide.",
    "Mentored a career-changer from the Zürich bootcamp into a senior role.",
)

GAPS: tuple[tuple[str, str, str], ...] = (
    (
        "Has not managed a team larger than eight",
        "Led a 15-person cross-team migration as the single owner.",
        "Payments migration: 15 engineers across three teams.",
    ),
    (
        "Less experience with Kubernetes at scale",
        "Ran 40 services on Nomad; the concepts carry over and I have started the CKA.",
        "Moved the batch fleet without downtime.",
    ),
    (
        "Wanted more direct B2B sales exposure",
        "Co-owned three enterprise renewals with the account team last year.",
        "Renewal with a Düsseldorf insurer, worth €1.2M.",
    ),
    (
        "No experience in regulated healthcare",
        "Worked under PCI-DSS and SOC 2; the discipline is the same.",
        "Audit passed with no findings.",
    ),
    (
        "The other finalist spoke fluent Portuguese",
        "Taking lessons twice a week; conversational by summer.",
        "",
    ),
    (
        "Concern about stakeholder management with the board",
        "Presented the quarterly roadmap to the board four times.",
        "Board review, Q3: roadmap approved without changes.",
    ),
    (
        "Portfolio light on mobile work",
        "Two shipped mobile projects that were not in the portfolio; added them.",
        "Café-ordering app redesign, 4.8 stars.",
    ),
    (
        "Less hands-on with data modelling than hoped",
        "Built the dbt models behind the finance dashboards.",
        "",
    ),
)
IMPORTANCES: tuple[Importance, ...] = tuple(Importance)

VALUE_TITLES: tuple[str, ...] = (
    "Competitor {brand} launched a cheaper tier",
    "Article: how {brand} cut onboarding time in half",
    "{brand} customer complaining about exports on a forum",
    "Conference talk on their stack, with a question I could answer",
    "New regulation in {city} that affects their roadmap",
    "Open-source library that would fix their search latency",
    "Podcast interview with their CEO: three follow-up ideas",
    "Benchmark comparing their API with {brand}'s",
)

# ------------------------------------------------------------------------- follow-ups

STEPS: tuple[Step, ...] = tuple(Step)
STEP_WEIGHTS: tuple[float, ...] = tuple(
    {
        Step.THANK_AND_ASK: 8,
        Step.THANK_YOU_NOTE: 10,
        Step.RECALIBRATE: 5,
        Step.OFFER_CHECK_IN: 4,
        Step.DOOR_OPEN_NOTE: 8,
        Step.WIDEN_NETWORK: 12,
        Step.DEMONSTRATE_VALUE: 12,
        Step.MIS_HIRE_WINDOW: 7,
        Step.RE_CONTACT: 12,
        Step.NEGOTIATE: 2,
        Step.FIND_A_TWIN: 5,
        Step.INTERVIEW: 6,
        Step.OTHER: 9,
    }[step]
    for step in STEPS
)
STEP_CUM: list[float] = list(accumulate(STEP_WEIGHTS))
STEP_CHANNELS: dict[Step, tuple[Channel, ...]] = {
    Step.THANK_AND_ASK: (Channel.EMAIL, Channel.PHONE),
    Step.THANK_YOU_NOTE: (Channel.EMAIL, Channel.CARD, Channel.CARD),
    Step.RECALIBRATE: (Channel.NONE,),
    Step.OFFER_CHECK_IN: (Channel.PHONE, Channel.EMAIL),
    Step.DOOR_OPEN_NOTE: (Channel.EMAIL, Channel.LINKEDIN),
    Step.WIDEN_NETWORK: (Channel.LINKEDIN, Channel.EMAIL, Channel.MEETING),
    Step.DEMONSTRATE_VALUE: (Channel.EMAIL, Channel.LINKEDIN),
    Step.MIS_HIRE_WINDOW: (Channel.EMAIL, Channel.PHONE),
    Step.RE_CONTACT: (Channel.EMAIL, Channel.PHONE, Channel.LINKEDIN),
    Step.NEGOTIATE: (Channel.PHONE, Channel.MEETING),
    Step.FIND_A_TWIN: (Channel.NONE, Channel.LINKEDIN),
    Step.INTERVIEW: (Channel.MEETING,),
    Step.OTHER: tuple(Channel),
}
FOLLOW_UP_NOTES: tuple[str, ...] = (
    "Ask {first} how the new hire is settling in.",
    "Send {first} the article about {topic}.",
    "Thank {first} for the time on the final round.",
    "Check whether the {topic} project got funded.",
    "Mention the talk I gave on {topic}.",
    "Congratulate {first} on the promotion.",
    "Ask for an introduction to the team in {city}.",
    "Share the write-up on {topic}; keep it short.",
    "Offer to help with the {topic} hiring push.",
)

# ----------------------------------------------------------------------- interactions

KINDS: tuple[InteractionKind, ...] = tuple(InteractionKind)
KIND_WEIGHTS: tuple[float, ...] = tuple(
    {
        InteractionKind.CALL: 15,
        InteractionKind.EMAIL: 35,
        InteractionKind.MEETING: 12,
        InteractionKind.MESSAGE: 15,
        InteractionKind.CARD: 3,
        InteractionKind.NOTE: 20,
    }[kind]
    for kind in KINDS
)
KIND_CUM: list[float] = list(accumulate(KIND_WEIGHTS))
CHANNEL_KIND: dict[Channel, InteractionKind] = {
    Channel.EMAIL: InteractionKind.EMAIL,
    Channel.PHONE: InteractionKind.CALL,
    Channel.CARD: InteractionKind.CARD,
    Channel.LINKEDIN: InteractionKind.MESSAGE,
    Channel.MEETING: InteractionKind.MEETING,
    Channel.NONE: InteractionKind.NOTE,
}
SUMMARIES: dict[InteractionKind, tuple[str, ...]] = {
    InteractionKind.CALL: (
        "Called {first} about {topic}; they will know more next week.",
        "Quick call with {first}: the team is still growing in {city}.",
        "{first} called back; the role may reopen after the reorg.",
        "Phone catch-up with {first} about {topic}.",
    ),
    InteractionKind.EMAIL: (
        "Emailed {first} the piece on {topic}.",
        "{first} replied: thanks, and keep in touch.",
        "Sent {first} a short note after the final round.",
        "Email thread with {first} about {topic}.",
        "{first} forwarded my note to the hiring manager.",
    ),
    InteractionKind.MEETING: (
        "Coffee with {first} in {city}; talked about {topic}.",
        "Met {first} at the meetup; they asked about {topic}.",
        "Lunch with {first}: the new hire starts next month.",
        "Video call with {first} and the team lead about {topic}.",
    ),
    InteractionKind.MESSAGE: (
        "LinkedIn message to {first} about {topic}.",
        "{first} liked the post on {topic} and wrote back.",
        "Messaged {first} congratulations on the launch.",
    ),
    InteractionKind.CARD: (
        "Handwritten thank-you card to {first}.",
        "Sent {first} a card for the holidays.",
    ),
    InteractionKind.NOTE: (
        "Note: {first} hinted the winner may not stay.",
        "Note to self: read up on {topic} before the next call.",
        "Heard from a friend that the {city} office is hiring.",
        "Note: the team moved {topic} to next quarter.",
    ),
}
TOPICS: tuple[str, ...] = _names(
    "the data-platform migration, their Series B, the Kraków office, GDPR audits, the new "
    "pricing page, on-call fatigue, the Zürich offsite, event sourcing, the São Paulo launch, "
    "accessibility reviews, the café-ordering pilot, hiring in Malmö, the mobile rewrite, the "
    "Reykjavík data centre, OKR planning"
)

SENTENCES: tuple[str, ...] = (
    "They chose the other finalist by a hair, and said so plainly.",
    "The hiring manager asked me to stay in touch and meant it.",
    "Mentioned the offsite in Malmö next spring; worth a follow-up in March.",
    "She recommended a book on systems thinking and the café near the office.",
    "The team is rebuilding its data platform and is short on people who have done it before.",
    "Feedback was specific: more evidence of leading through other managers.",
    "The recruiter said the winner has a long notice period, so the start date may slip.",
    "We talked for an hour about on-call, incident reviews and how to grow tech leads.",
    "Their churn is concentrated in mid-market accounts in Düsseldorf and Łódź.",
    "I promised to send the write-up on the migration, with the numbers.",
    "The CTO is from São Paulo and cares a lot about hiring juniors well.",
    "Budget for the second headcount depends on the Q3 numbers.",
    "They use Postgres, Kafka and a lot of dbt; the search team wants Elasticsearch gone.",
    "Ask about the mis-hire window: ninety days after the start date.",
    "Zoë said the interview panel was split three to two.",
    "José is moving to the Bogotá office in the autumn and wants a successor there.",
    "Nothing urgent, but a friendly note every six weeks keeps the door open.",
    "They were impressed by the story about halving pages; lead with it next time.",
    "The role might be re-posted as a senior-executive position after the reorg.",
    "Søren offered an introduction to the platform team in København.",
    "Sent a thank-you card; handwritten, short, no ask.",
    "The office moved to a new building near the harbour; lots of natural light.",
    "Their engineering blog has a post on schema migrations that could be answered.",
    "Remember: Ngozi prefers calls on Tuesday mornings, Lagos time.",
    "Ólafur mentioned a twin role at a sister company in Reykjavík.",
    "The salary band was wider than advertised; negotiate on scope, not only on pay.",
    "The product is loved by power users but onboarding takes weeks.",
    "Nguyễn Thị Hương leads the Hà Nội team and hires twice a year.",
    "The company Slack is full of emoji reactions; the culture is informal. 🎉",
    "I should prepare a thirty-sixty-ninety plan in case they come back.",
)

# --------------------------------------------------------------------------- the API


@dataclass(frozen=True)
class GenerateStats:
    """What :func:`generate` wrote, and how long it took."""

    path: Path
    companies: int
    contacts: int
    opportunities: int
    feedback_items: int
    value_items: int
    follow_ups: int
    interactions: int
    seconds: float
    cpu_seconds: float
    file_bytes: int
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return (
            self.companies
            + self.contacts
            + self.opportunities
            + self.feedback_items
            + self.value_items
            + self.follow_ups
            + self.interactions
        )

    def summary(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0.0
        return (
            f"{self.path}: {self.companies:,} companies, {self.contacts:,} contacts, "
            f"{self.opportunities:,} opportunities, {self.feedback_items:,} feedback items, "
            f"{self.value_items:,} value items, {self.follow_ups:,} follow-ups, "
            f"{self.interactions:,} interactions in {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s CPU, {rate:,.0f} rows/s), "
            f"{self.file_bytes / 1_000_000:.1f} MB"
        )


def generate(
    path: Path,
    companies: int,
    contacts: int,
    follow_ups: int,
    interactions: int,
    opportunities: int | None = None,
    seed: int = 1,
    today: dt.date | None = None,
) -> GenerateStats:
    """Create the database at ``path`` (which must not exist) and fill it.

    ``opportunities`` defaults to 1.2 per company. ``today`` (default: the real today)
    anchors every date, so a seed and a day give the same data. If anything fails, the
    half-written file is removed.
    """
    path = Path(path)
    _check_counts(companies, contacts, follow_ups, interactions, opportunities)
    if any(p.exists() for p in _files(path)):
        raise FileExistsError(f"{path} already exists; RunnerUp's generator never overwrites.")
    if opportunities is None:
        opportunities = companies * 6 // 5
    started = time.perf_counter()
    cpu_started = time.process_time()
    world = _World(
        _Random(seed),
        today or dt.date.today(),
        companies=companies,
        contacts=contacts,
        opportunities=opportunities,
        follow_ups=follow_ups,
        interactions=interactions,
    )
    store: Store | None = None
    try:
        store = open_store(path)
        with store.engine.connect() as conn:
            _tune(conn)
            with conn.begin():
                world.fill(conn)
                filled = time.perf_counter()
    except BaseException:
        if store is not None:
            store.close()
        for leftover in _files(path):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    world.phases["commit"] = time.perf_counter() - filled
    seconds = time.perf_counter() - started
    return GenerateStats(
        path=path,
        companies=world.n_companies,
        contacts=world.n_contacts,
        opportunities=world.n_opportunities,
        feedback_items=world.n_feedback,
        value_items=world.n_values,
        follow_ups=world.n_follow_ups,
        interactions=world.n_interactions,
        seconds=seconds,
        cpu_seconds=time.process_time() - cpu_started,
        file_bytes=sum(p.stat().st_size for p in _files(path) if p.exists()),
        phases=world.phases,
    )


def _tune(conn: Connection) -> None:
    """Speed settings for this one connection, set before its transaction begins.

    No fsync, and a big page cache: safe here because nobody else has the new file
    open, and a failed run deletes it.
    """
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
    finally:
        cursor.close()


def _check_counts(
    companies: int, contacts: int, follow_ups: int, interactions: int, opportunities: int | None
) -> None:
    counts = {
        "companies": companies,
        "contacts": contacts,
        "follow-ups": follow_ups,
        "interactions": interactions,
        "opportunities": opportunities or 0,
    }
    for name, count in counts.items():
        if count < 0:
            raise ValueError(f"--{name} cannot be negative.")
    if companies == 0 and any(counts[k] for k in counts if k != "companies"):
        raise ValueError("Contacts, opportunities, follow-ups and interactions need companies.")


def _files(path: Path) -> list[Path]:
    """The database and the journal files SQLite may keep beside it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


# -------------------------------------------------------------------------- the world


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _insert(conn: Connection, table: Table, rows: Iterable[Row]) -> int:
    """Insert ``rows`` (dicts with every column) into ``table``; returns how many."""
    return _execute_many(conn, insert(table), rows, [column.key for column in table.columns])


def _execute_many(
    conn: Connection,
    statement: Insert | Update,
    rows: Iterable[Row],
    column_keys: list[str] | None = None,
) -> int:
    """Run a Core statement once per row with ``executemany``, in batches.

    The statement is compiled by SQLAlchemy once, and every value goes through
    SQLAlchemy's own bind processor for its parameter, so what is stored is exactly
    what ``conn.execute(statement, rows)`` stores (the tests check that). Only
    SQLAlchemy's per-row parameter bookkeeping is skipped: it cost a third of the
    run. With ``QUICK_WRITES = False`` this is plain ``conn.execute``.
    """
    compiled = statement.compile(dialect=conn.dialect, column_keys=column_keys)
    order = compiled.positiontup
    assert order is not None, "SQLite's paramstyle is positional"
    stamps: dict[str, _QuickStamp] = {}  # one per timestamp type: see _QuickStamp.last
    plan = [(name, _converter(compiled.binds[name].type, conn.dialect, stamps)) for name in order]
    sql = str(compiled)
    count = 0
    batch: list[Any] = []
    for row in rows:
        if QUICK_WRITES:
            batch.append(tuple([row[name] if c is None else c(row[name]) for name, c in plan]))
        else:
            batch.append(row)
        if len(batch) == BATCH:
            count += _flush(conn, statement, sql, batch)
            batch = []
    if batch:
        count += _flush(conn, statement, sql, batch)
    return count


def _flush(conn: Connection, statement: Insert | Update, sql: str, batch: list[Any]) -> int:
    if QUICK_WRITES:
        conn.exec_driver_sql(sql, batch)
    else:
        conn.execute(statement, batch)
    return len(batch)


#: Write through :func:`_execute_many`'s quick path (see there).
QUICK_WRITES = True


def _converter(
    column_type: TypeEngine[Any], dialect: Dialect, stamps: dict[str, _QuickStamp]
) -> Callable[[Any], Any] | None:
    """SQLAlchemy's bind processor for a column, made cheap to call for every row.

    Dates, times, enums and booleans take few distinct values, so each is converted
    once and remembered. Timestamps are nearly all distinct: they are formatted
    directly, after the first ones have been shown to come out as SQLAlchemy's do.
    """
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if isinstance(column_type, DateTime):
        return stamps.setdefault(repr(column_type), _QuickStamp(process))
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            memo[value] = converted = process(value)
            return converted

    return convert


class _QuickStamp:
    """A timestamp in SQLAlchemy's SQLite format, checked against its processor."""

    CHECKED_VALUES = 1000

    def __init__(self, process: Callable[[Any], Any]) -> None:
        self.process = process
        self.checked = 0
        self.quick = True
        self.last: tuple[dt.datetime | None, Any] = (None, None)

    def __call__(self, value: dt.datetime | None) -> Any:
        if value is None:
            return None
        if self.quick and self.checked >= self.CHECKED_VALUES:
            last, text = self.last
            if value is not last:  # created_at and updated_at are often one object
                text = value.isoformat(" ", "microseconds")[:26]
                self.last = (value, text)
            return text
        converted = self.process(value)
        if self.quick:
            self.checked += 1
            self.quick = value.isoformat(" ", "microseconds")[:26] == converted
        return converted


def _drop_indexes(conn: Connection) -> list[str]:
    """Drop the secondary indexes and return the statements that made them.

    Filling tables and then building each index once is much faster than keeping
    every index in step row by row. The statements are the migration's own, as
    SQLite recorded them, so the rebuilt schema is identical.
    """
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    ).all()
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EMAIL_EXTRA = str.maketrans({"ı": "i", "ð": "d", "þ": "th", "œ": "oe", "ŋ": "n", "ħ": "h"})
_ascii_cache: dict[str, str] = {}


def _ascii(text: str) -> str:
    """``"Ó Súilleabháin"`` -> ``"osuilleabhain"``: for e-mail addresses and URLs."""
    cached = _ascii_cache.get(text)
    if cached is None:
        folded = fold(text).translate(_EMAIL_EXTRA).encode("ascii", "ignore").decode()
        cached = "".join(ch for ch in folded if ch.isalnum())
        _ascii_cache[text] = cached
    return cached


_fold_cache: dict[str, str] = {}


def _key(name: str) -> str:
    key = _fold_cache.get(name)
    if key is None:
        key = _fold_cache[name] = fold(name)
    return key


def _fold_part(text: str) -> str:
    """``fold(text)``, quickly: ASCII needs only lower-casing, the rest is cached."""
    return " ".join(text.lower().split()) if text.isascii() else _key(text)


def _joined_key(*parts: str) -> str:
    """``fold(" | ".join(parts))`` from the folded parts, several times faster.

    ``fold`` works letter by letter and then collapses white space, and the separator
    keeps parts apart, so folding the parts and collapsing once gives the same text.
    :class:`_QuickKey` checks this against the app's own functions as it goes.
    """
    return " ".join(" | ".join([_fold_part(part) for part in parts]).split())


class _QuickKey:
    """One of the app's ``search_key`` recipes, computed quickly once shown to agree.

    The first rows are computed both ways and stored the app's way; if the app's
    recipe ever stops matching (say, it gains a field), every row uses the app's own.
    """

    CHECKED_ROWS = 500

    def __init__(self, recipe: Callable[..., str]) -> None:
        self.recipe = recipe
        self.checked = 0
        self.quick = True

    def __call__(self, *parts: str) -> str:
        if self.quick and self.checked >= self.CHECKED_ROWS:
            return _joined_key(*parts)
        key = self.recipe(*parts)
        if self.quick:
            self.checked += 1
            self.quick = _joined_key(*parts) == key
        return key


class _Random(random.Random):
    """``random.Random`` with quick draws that do not depend on the Python version."""

    def below(self, stop: int) -> int:
        return int(self.random() * stop)

    def between(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        hi = len(cum_weights) - 1
        return items[bisect(cum_weights, self.random() * cum_weights[-1], 0, hi)]


class _World:
    """Plans who works where and what happened, then streams the rows table by table."""

    def __init__(
        self,
        rng: _Random,
        today: dt.date,
        *,
        companies: int,
        contacts: int,
        opportunities: int,
        follow_ups: int,
        interactions: int,
    ) -> None:
        self.rng = rng
        self.today = today
        self.today_ord = today.toordinal()
        self.n_companies = companies
        self.n_contacts = contacts
        self.n_opportunities = opportunities
        self.n_follow_ups = follow_ups
        self.n_interactions = interactions
        self.n_feedback = 0
        self.n_values = 0
        self.phases: dict[str, float] = {}
        self.midnights: dict[int, dt.datetime] = {}
        #: Every second from 7:00 to 19:00, made once: a timedelta is slow to make.
        self.workday = [dt.timedelta(seconds=s) for s in range(7 * 3600, 19 * 3600)]
        self.company_key = _QuickKey(company_search_key)
        self.contact_key = _QuickKey(contact_search_key)
        self.long_texts: list[str] = []
        self.culture_list = list(CULTURES.values())
        self.culture_cum = list(accumulate(len(c.given) for c in self.culture_list))
        # Arrays are indexed by row id; slot 0 is unused.
        self.company_country: list[Country] = []
        self.company_status: list[CompanyStatus] = []
        self.company_contacts: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_opps: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_values: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_domain: list[str] = [""] * (companies + 1)
        self.company_city: list[str] = [""] * (companies + 1)
        self.company_name: list[str] = [""] * (companies + 1)
        self.company_phone: list[str] = [""] * (companies + 1)
        self.company_touch: list[int] = [0] * (companies + 1)
        self.company_updated: list[dt.datetime] = [_EPOCH] * (companies + 1)
        self.contact_company: list[int] = [0]
        self.contact_role: list[ContactRole] = [ContactRole.OTHER]
        self.contact_given: list[str] = [""] * (contacts + 1)
        self.contact_touch: list[int] = [0] * (contacts + 1)
        self.contact_updated: list[dt.datetime] = [_EPOCH] * (contacts + 1)
        self.contact_activity: list[float] = []
        self.opp_company: list[int] = [0]
        self.opp_stage: list[Stage] = [Stage.CLOSED]
        # Done follow-ups with a contact, for interactions that record them:
        # (follow-up id, company id, contact id, completed-on ordinal, channel).
        self.done: list[tuple[int, int, int, int, Channel]] = []

    # ---------------------------------------------------------------- plan and fill

    def fill(self, conn: Connection) -> None:
        with self._phase("plan"):
            self._plan()
        with self._phase("drop_indexes"):
            indexes = _drop_indexes(conn)
        with self._phase("companies"):
            _insert(conn, _table(Company), self._companies())
        with self._phase("contacts"):
            _insert(conn, _table(Contact), self._contacts())
        with self._phase("opportunities"):
            _insert(conn, _table(Opportunity), self._opportunities())
        with self._phase("feedback_items"):
            self.n_feedback = _insert(conn, _table(FeedbackItem), self._feedback())
        with self._phase("value_items"):
            self.n_values = _insert(conn, _table(ValueItem), self._values())
        with self._phase("follow_ups"):
            _insert(conn, _table(FollowUp), self._follow_ups())
        with self._phase("interactions"):
            _insert(conn, _table(Interaction), self._interactions())
        with self._phase("last_touch"):
            self._set_last_touch(conn, _table(Company), self.company_touch, self.company_updated)
            self._set_last_touch(conn, _table(Contact), self.contact_touch, self.contact_updated)
        with self._phase("create_indexes"):
            for sql in indexes:
                conn.exec_driver_sql(sql)

    def _set_last_touch(
        self,
        conn: Connection,
        table: Table,
        touches: Sequence[int],
        updated: Sequence[dt.datetime],
    ) -> None:
        """Set ``last_touch_on`` where ``touches[id]`` (a date ordinal) is not 0.

        ``updated_at`` moves to that day too if it was earlier, as logging the
        interaction in the app would have moved it.
        """
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(last_touch_on=bindparam("b_on"), updated_at=bindparam("b_at"))
        )
        rows = (
            {
                "b_id": row_id,
                "b_on": dt.date.fromordinal(day),
                "b_at": max(updated[row_id], self._stamp(day)),
            }
            for row_id, day in enumerate(touches)
            if day
        )
        _execute_many(conn, statement, rows)

    @contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.phases[name] = time.perf_counter() - started

    def _plan(self) -> None:
        """Decide where everyone works and which openings exist, before writing a row."""
        rng = self.rng
        n = self.n_companies
        self.company_country = [COUNTRIES[0], *rng.choices(COUNTRIES, cum_weights=COUNTRY_CUM, k=n)]
        # A few companies hold many contacts; many hold one or two; some none at all.
        size = [0.0] + [min(30.0, rng.paretovariate(1.3)) for _ in range(n)]
        size_cum = list(accumulate(size))
        if self.n_contacts:
            self.contact_company += rng.choices(
                range(n + 1), cum_weights=size_cum, k=self.n_contacts
            )
            self.contact_role += rng.choices(ROLES, ROLE_WEIGHTS, k=self.n_contacts)
        for contact_id in range(1, self.n_contacts + 1):
            self.company_contacts[self.contact_company[contact_id]].append(contact_id)
        # How much each contact is in touch: a third never, a few very often.
        self.contact_activity = [0.0] + [
            0.0 if rng.random() < 0.3 else min(40.0, rng.paretovariate(1.5))
            for _ in range(self.n_contacts)
        ]
        if self.n_contacts and not any(self.contact_activity):
            self.contact_activity[1] = 1.0
        if self.n_opportunities:
            self.opp_company += [rng.between(1, n) for _ in range(self.n_opportunities)]
            self.opp_stage += rng.choices(STAGES, STAGE_WEIGHTS, k=self.n_opportunities)
        for opp_id in range(1, self.n_opportunities + 1):
            self.company_opps[self.opp_company[opp_id]].append(opp_id)
        self.company_status = [CompanyStatus.TARGET]
        for company_id in range(1, n + 1):
            stages = {self.opp_stage[o] for o in self.company_opps[company_id]}
            if Stage.HIRED in stages:
                status = CompanyStatus.HIRED
            elif Stage.RUNNER_UP in stages:
                status = CompanyStatus.RUNNER_UP
            elif stages & OPEN:
                status = CompanyStatus.IN_PROCESS
            elif stages:
                status = CompanyStatus.ARCHIVED if rng.random() < 0.5 else CompanyStatus.TARGET
            else:
                status = rng.pick(STATUS_IDLE)
            self.company_status.append(status)

    # ------------------------------------------------------------------------ helpers

    def _day(self, ordinal: int) -> dt.date:
        return dt.date.fromordinal(min(ordinal, self.today_ord))

    def _stamp(self, ordinal: int) -> dt.datetime:
        """A moment during the working day ``ordinal``, never after today."""
        ordinal = min(ordinal, self.today_ord)
        midnight = self.midnights.get(ordinal)
        if midnight is None:
            midnight = dt.datetime.fromordinal(ordinal).replace(tzinfo=dt.UTC)
            self.midnights[ordinal] = midnight
        return midnight + self.rng.pick(self.workday)

    def _stamps(self, created: int, updated: int) -> tuple[dt.datetime, dt.datetime]:
        """``created_at`` and ``updated_at`` for those days, never out of order."""
        first = self._stamp(created)
        return first, max(first, self._stamp(updated))

    def _long(self) -> str:
        """A long note: written fresh for the first rows, then drawn from those."""
        if len(self.long_texts) < LONG_TEXTS:
            self.long_texts.append(self._text(300, 2000))
            return self.long_texts[-1]
        return self.rng.pick(self.long_texts)

    def _text(self, low: int, high: int) -> str:
        """Some paragraphs of note, between ``low`` and ``high`` characters long."""
        rng = self.rng
        target = rng.between(low, high)
        parts: list[str] = []
        size = 0
        in_paragraph = 0
        while size < target:
            if parts:
                separator = "\n\n" if in_paragraph >= 3 and rng.random() < 0.4 else " "
                in_paragraph = 0 if separator != " " else in_paragraph
                parts.append(separator)
            sentence = rng.pick(SENTENCES)
            parts.append(sentence)
            size += len(sentence) + 1
            in_paragraph += 1
        text = "".join(parts)
        if len(text) > high:
            text = text[: text.rfind(" ", 0, high - 1)] + "…"
        return text

    def _person(self, culture: Culture | None = None) -> tuple[str, str, str]:
        """(full name, given name, family name)."""
        rng = self.rng
        if culture is None:
            culture = rng.weighted(self.culture_list, self.culture_cum)
        given = rng.pick(culture.given)
        family = rng.pick(culture.family)
        roll = rng.random()
        if culture.middle:
            name = f"{family} {rng.pick(culture.middle)} {given}"
        elif culture.family_first:
            name = f"{family} {given}"
        else:
            if culture.two_families and roll < 0.4:
                second = rng.pick(culture.family)
                if second != family:
                    family = f"{family} {second}"
            elif roll < 0.04:
                second = rng.pick(culture.family)
                if second != family:
                    family = f"{family}-{second}"
            elif roll < 0.12:
                second = rng.pick(culture.given)
                if second != given:
                    given = f"{given} {second}"
            name = f"{given} {family}"
        return name, given, family

    def _company_name(self, country: Country, city: str, used: set[str]) -> tuple[str, str]:
        """(name, name without the legal form), unique unless eight tries fail."""
        rng = self.rng
        name = base = ""
        for _attempt in range(8):
            roll = rng.random()
            if roll < 0.45:
                name = f"{rng.pick(BRANDS)} {rng.pick(SECTORS)}"
            elif roll < 0.60:
                culture = CULTURES[country.culture]
                first, second = rng.pick(culture.family), rng.pick(culture.family)
                name = f"{first} & {second}" if first != second else f"{first} {rng.pick(SECTORS)}"
            elif roll < 0.72:
                name = f"{city} {rng.pick(SECTORS)}"
            elif roll < 0.85:
                name = f"{rng.pick(BRANDS)} {rng.pick(GROUP_WORDS)}"
            else:
                name = f"{rng.pick(BRANDS)}{rng.pick(STARTUP_ENDINGS)}"
            base = name
            if rng.random() < 0.45:
                name = f"{name} {rng.pick(country.legal)}"
            if name not in used:
                break
        used.add(name)
        return name, base

    def _pick_contacts(self, count: int) -> Iterator[int]:
        """Contact ids drawn by how much each is in touch, in blocks for speed."""
        cum = list(accumulate(self.contact_activity))
        population = range(self.n_contacts + 1)
        while count > 0:
            block = min(count, BATCH)
            yield from self.rng.choices(population, cum_weights=cum, k=block)
            count -= block

    # ------------------------------------------------------------------------- tables

    def _companies(self) -> Iterator[Row]:
        rng = self.rng
        used: set[str] = set()
        for company_id in range(1, self.n_companies + 1):
            country = self.company_country[company_id]
            city, area = rng.pick(country.cities)
            name, base = self._company_name(country, city, used)
            domain = f"{_ascii(base)[:40] or 'company'}.example"
            self.company_domain[company_id] = domain
            self.company_city[company_id] = city
            self.company_phone[company_id] = f"+{country.phone_code} {area}"
            roll = rng.random()
            notes = self._long() if roll < 0.2 else rng.pick(SENTENCES) if roll < 0.55 else ""
            created = self.today_ord - rng.between(30, 800)
            created_at, updated_at = self._stamps(created, rng.between(created, self.today_ord))
            self.company_updated[company_id] = updated_at
            self.company_name[company_id] = name
            industry = rng.pick(INDUSTRIES)
            location = f"{city}, {country.name}" if rng.random() < 0.8 else city
            yield {
                "id": company_id,
                "name": name,
                "name_key": _key(name),
                "search_key": self.company_key(name, industry, location),
                "industry": industry,
                "location": location,
                "website": f"https://www.{domain}" if rng.random() < 0.85 else "",
                "status": self.company_status[company_id],
                "notes": notes,
                "last_touch_on": None,
                "created_at": created_at,
                "updated_at": updated_at,
            }

    def _contacts(self) -> Iterator[Row]:
        rng = self.rng
        for contact_id in range(1, self.n_contacts + 1):
            company_id = self.contact_company[contact_id]
            home = CULTURES[self.company_country[company_id].culture]
            name, given, family = self._person(home if rng.random() < 0.55 else None)
            self.contact_given[contact_id] = given
            role = self.contact_role[contact_id]
            first, last = _ascii(given), _ascii(family)
            roll = rng.random()
            local = (
                f"{first}.{last}"
                if roll < 0.7
                else f"{first[:1]}{last}"
                if roll < 0.85
                else first or last
            )
            domain = (
                "mail.example"
                if role is ContactRole.WINNING_CANDIDATE
                else self.company_domain[company_id]
            )
            roll = rng.random()
            notes = self._long() if roll < 0.08 else rng.pick(SENTENCES) if roll < 0.4 else ""
            created = self.today_ord - rng.between(1, 760)
            created_at, updated_at = self._stamps(created, rng.between(created, self.today_ord))
            self.contact_updated[contact_id] = updated_at
            title = rng.pick(TITLES[role]) if rng.random() < 0.9 else ""
            email = f"{local}@{domain}" if local and rng.random() < 0.88 else ""
            company_name = self.company_name[company_id]
            yield {
                "id": contact_id,
                "company_id": company_id,
                "name": name,
                "name_key": _key(name),
                "search_key": self.contact_key(name, email, title, company_name),
                "role": role,
                "title": title,
                "email": email,
                "phone": (
                    f"{self.company_phone[company_id]} 555 {rng.below(10000):04d}"
                    if rng.random() < 0.7
                    else ""
                ),
                "linkedin_url": (
                    f"https://www.linkedin.com/in/{first}-{last}-{rng.getrandbits(24):06x}"
                    if rng.random() < 0.55
                    else ""
                ),
                "notes": notes,
                "last_touch_on": None,
                "created_at": created_at,
                "updated_at": updated_at,
            }

    def _opportunities(self) -> Iterator[Row]:
        rng = self.rng
        today = self.today_ord
        for opp_id in range(1, self.n_opportunities + 1):
            company_id = self.opp_company[opp_id]
            stage = self.opp_stage[opp_id]
            title, level = rng.pick(OPENINGS)
            applied = today - (rng.between(3, 150) if stage in OPEN else rng.between(30, 700))
            final: int | None = None
            news: int | None = None
            if stage in FINALISTS or (stage is Stage.CLOSED and rng.random() < 0.5):
                final = min(applied + rng.between(14, 70), today)
            if stage in NEWS:
                news = min((final or applied) + rng.between(2, 21), today)
            news_from = None
            if news is not None:
                candidates = [
                    c
                    for c in self.company_contacts[company_id]
                    if self.contact_role[c] in NEWS_ROLES
                ]
                news_from = rng.pick(candidates) if candidates else None
            winner = ""
            accepted: bool | None = None
            hire_start: int | None = None
            came_back: int | None = None
            if stage is Stage.RUNNER_UP or (stage is Stage.CLOSED and rng.random() < 0.3):
                winner = self._person()[0] if rng.random() < 0.8 else ""
                roll = rng.random()
                accepted = True if roll < 0.6 else False if roll < 0.75 else None
                if accepted and news is not None:
                    hire_start = news + rng.between(21, 60)
                    if stage is Stage.RUNNER_UP and rng.random() < 0.1:
                        back = hire_start + rng.between(20, 240)
                        came_back = back if back <= today else None
            stories = (
                "\n".join(rng.sample(STORIES, rng.between(1, 3)))
                if stage in FINALISTS or rng.random() < 0.2
                else ""
            )
            roll = rng.random()
            notes = self._long() if roll < 0.15 else rng.pick(SENTENCES) if roll < 0.55 else ""
            created_at, updated_at = self._stamps(applied, news or final or applied)
            yield {
                "id": opp_id,
                "company_id": company_id,
                "title": title,
                "job_level": level,
                "stage": stage,
                "applied_on": self._day(applied),
                "final_interview_on": self._day(final) if final else None,
                "news_on": self._day(news) if news else None,
                "news_from_id": news_from,
                "winner_name": winner,
                "winner_accepted": accepted,
                "hire_start_on": dt.date.fromordinal(hire_start) if hire_start else None,
                "came_back_on": self._day(came_back) if came_back else None,
                "strong_stories": stories,
                "notes": notes,
                "created_at": created_at,
                "updated_at": updated_at,
            }

    def _feedback(self) -> Iterator[Row]:
        rng = self.rng
        feedback_id = 0
        for opp_id in range(1, self.n_opportunities + 1):
            if self.opp_stage[opp_id] not in (Stage.RUNNER_UP, Stage.CLOSED):
                continue
            for gap, answer, example in rng.sample(GAPS, rng.between(0, 3)):
                feedback_id += 1
                stamp = self._stamp(self.today_ord - rng.between(0, 600))
                answered = rng.random() < 0.7
                yield {
                    "id": feedback_id,
                    "opportunity_id": opp_id,
                    "gap": gap,
                    "importance": rng.pick(IMPORTANCES),
                    "answer": answer if answered else "",
                    "example": example if answered else "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }

    def _values(self) -> Iterator[Row]:
        rng = self.rng
        value_id = 0
        keen = (CompanyStatus.RUNNER_UP, CompanyStatus.IN_PROCESS, CompanyStatus.HIRED)
        for company_id in range(1, self.n_companies + 1):
            if self.company_status[company_id] not in keen:
                continue
            for _ in range(rng.between(0, 2)):
                value_id += 1
                self.company_values[company_id].append(value_id)
                found = self.today_ord - rng.between(0, 500)
                stamp = self._stamp(found)
                title = rng.pick(VALUE_TITLES).format(
                    brand=rng.pick(BRANDS), city=self.company_city[company_id]
                )
                yield {
                    "id": value_id,
                    "company_id": company_id,
                    "title": title,
                    "details": self._text(200, 900) if rng.random() < 0.4 else "",
                    "found_on": dt.date.fromordinal(found),
                    "created_at": stamp,
                    "updated_at": stamp,
                }

    def _follow_ups(self) -> Iterator[Row]:
        rng = self.rng
        today = self.today_ord
        contacts = self._pick_contacts(self.n_follow_ups) if self.n_contacts else iter(())
        for follow_up_id in range(1, self.n_follow_ups + 1):
            contact_id: int | None = next(contacts, None)
            if contact_id is not None and rng.random() < 0.85:
                company_id = self.contact_company[contact_id]
            else:
                contact_id = None
                company_id = rng.between(1, self.n_companies)
            opps = self.company_opps[company_id]
            opp_id = rng.pick(opps) if opps and rng.random() < 0.6 else None
            roll = rng.random()
            if roll < 0.01 or follow_up_id % 100 == 1:  # always some due today
                due = today
            elif roll < 0.30:
                due = today + 1 + int(FUTURE_DAYS * rng.random() ** 1.3)
            else:
                due = today - 1 - int(PAST_DAYS * rng.random() ** 1.2)
            completed = None
            if due >= today:
                status = FollowUpStatus.PLANNED
            else:
                roll = rng.random()
                status = (
                    FollowUpStatus.DONE
                    if roll < 0.82
                    else FollowUpStatus.SKIPPED
                    if roll < 0.93
                    else FollowUpStatus.PLANNED
                )
                if status is not FollowUpStatus.PLANNED:
                    completed = min(today, due + rng.between(0, 4))
            step = rng.weighted(STEPS, STEP_CUM)
            channel = rng.pick(STEP_CHANNELS[step])
            values = self.company_values[company_id]
            value_id = rng.pick(values) if values and step is Step.DEMONSTRATE_VALUE else None
            due_time = (
                dt.time(rng.between(8, 17), rng.pick((0, 15, 30, 45)))
                if rng.random() < 0.3
                else None
            )
            notified = None
            if status is FollowUpStatus.PLANNED and due <= today and rng.random() < 0.6:
                notified = dt.datetime.combine(
                    dt.date.fromordinal(due), due_time or dt.time(9), tzinfo=dt.UTC
                )
            roll = rng.random()
            if roll < 0.1:
                notes = self._long()
            elif roll < 0.6:
                notes = rng.pick(FOLLOW_UP_NOTES).format(
                    first=self.contact_given[contact_id] if contact_id else "them",
                    topic=rng.pick(TOPICS),
                    city=self.company_city[company_id],
                )
            else:
                notes = ""
            created = min(due, today) - rng.between(1, 45)
            created_at, updated_at = self._stamps(created, completed or created)
            if status is FollowUpStatus.DONE and contact_id is not None and completed is not None:
                self.done.append((follow_up_id, company_id, contact_id, completed, channel))
            yield {
                "id": follow_up_id,
                "company_id": company_id,
                "opportunity_id": opp_id,
                "contact_id": contact_id,
                "step": step,
                "channel": channel,
                "due_on": dt.date.fromordinal(due),
                "due_time": due_time,
                "status": status,
                "notes": notes,
                "value_item_id": value_id,
                "completed_on": None if completed is None else dt.date.fromordinal(completed),
                "notified_at": notified,
                "created_at": created_at,
                "updated_at": updated_at,
            }

    def _interactions(self) -> Iterator[Row]:
        rng = self.rng
        today = self.today_ord
        contacts = self._pick_contacts(self.n_interactions) if self.n_contacts else iter(())
        done = self.done
        company_touch = self.company_touch
        contact_touch = self.contact_touch
        for interaction_id in range(1, self.n_interactions + 1):
            picked = next(contacts, None)
            follow_up_id: int | None = None
            contact_id: int | None
            if done and rng.random() < 0.3:
                # Record a done follow-up: same people, same day, matching channel.
                index = rng.below(len(done))
                follow_up_id, company_id, contact_id, day, channel = done[index]
                done[index] = done[-1]
                done.pop()
                kind = CHANNEL_KIND[channel]
                direction = Direction.NONE if kind is InteractionKind.NOTE else Direction.OUTBOUND
            else:
                if picked is not None and rng.random() < 0.9:
                    contact_id = picked
                    company_id = self.contact_company[picked]
                else:
                    contact_id = None
                    company_id = rng.between(1, self.n_companies)
                day = today - int(HISTORY_DAYS * rng.random() ** 1.35)
                kind = rng.weighted(KINDS, KIND_CUM)
                if kind is InteractionKind.NOTE:
                    direction = Direction.NONE
                elif kind is InteractionKind.CARD:
                    direction = Direction.OUTBOUND
                else:
                    direction = Direction.OUTBOUND if rng.random() < 0.58 else Direction.INBOUND
            values = self.company_values[company_id]
            value_id = rng.pick(values) if values and rng.random() < 0.05 else None
            if rng.random() < 0.07:
                summary = self._long()
            else:
                summary = rng.pick(SUMMARIES[kind]).format(
                    first=self.contact_given[contact_id] if contact_id else "the team",
                    topic=rng.pick(TOPICS),
                    city=self.company_city[company_id],
                )
            if direction is not Direction.NONE:
                if company_touch[company_id] < day:
                    company_touch[company_id] = day
                if contact_id is not None and contact_touch[contact_id] < day:
                    contact_touch[contact_id] = day
            stamp = self._stamp(day)
            yield {
                "id": interaction_id,
                "company_id": company_id,
                "contact_id": contact_id,
                "follow_up_id": follow_up_id,
                "value_item_id": value_id,
                "kind": kind,
                "direction": direction,
                "occurred_on": dt.date.fromordinal(day),
                "summary": summary,
                "created_at": stamp,
                "updated_at": stamp,
            }


# ------------------------------------------------------------------------------ CLI


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a large, realistic RunnerUp database for benchmarks.",
    )
    parser.add_argument("path", type=Path, help="the database file to create")
    parser.add_argument("--companies", type=_count, required=True, metavar="N")
    parser.add_argument("--contacts", type=_count, required=True, metavar="N")
    parser.add_argument("--follow-ups", type=_count, required=True, dest="follow_ups", metavar="N")
    parser.add_argument("--interactions", type=_count, required=True, metavar="N")
    parser.add_argument(
        "--opportunities", type=_count, default=None, metavar="N", help="default: 1.2 per company"
    )
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="default: 1")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day every date is relative to (default: today)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    path: Path = args.path
    if path.is_dir():
        parser.error(f"{path} is a folder.")
    try:
        _check_counts(
            args.companies, args.contacts, args.follow_ups, args.interactions, args.opportunities
        )
    except ValueError as exc:
        parser.error(str(exc))
    existing = [p for p in _files(path) if p.exists()]
    if existing:
        if not args.force:
            print(f"{path} already exists; pass --force to replace it.", file=sys.stderr)
            return 1
        for leftover in existing:
            leftover.unlink()
    stats = generate(
        path,
        companies=args.companies,
        contacts=args.contacts,
        follow_ups=args.follow_ups,
        interactions=args.interactions,
        opportunities=args.opportunities,
        seed=args.seed,
        today=args.today,
    )
    print(stats.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
