"""Who the generated people are and where they work: names by culture, countries, cities.

Names carry the accents and letters of each culture (``Łukasz``, ``Þórdís``, ``Nguyễn``)
so that searching and sorting are tested on real-looking text, not ``User 123``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate


def word_list(text: str, separator: str = ",") -> tuple[str, ...]:
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
        given=word_list(
            "Zoë, Jürgen, Jörg, Käthe, Lena, Maximilian, Anja, Günther, Uwe, Bärbel, "
            "Matthias, Lukas, Hannah, Felix, Sophie, Jonas, Marlene, Rüdiger, Annika, "
            "Tobias"
        ),
        family=word_list(
            "Müller, Schröder, Weiß, Köhler, Bäcker, Hoffmann, Schäfer, Krüger, Fuß, "
            "Wagner, Schmidt, Jäger, Strauß, Günther, Möller, Böhm, Groß, Lößner, "
            "Zimmermann, Hübner"
        ),
    ),
    "polish": Culture(
        given=word_list(
            "Łukasz, Wojciech, Małgorzata, Agnieszka, Paweł, Zofia, Jędrzej, Grzegorz, "
            "Katarzyna, Michał, Bożena, Krzysztof, Ewa, Żaneta, Tomasz"
        ),
        family=word_list(
            "Wróbel, Wiśniewski, Kowalczyk, Nowak, Zieliński, Dąbrowska, Łukasiewicz, "
            "Szymańska, Woźniak, Kamiński, Błaszczyk, Jabłoński, Kaczmarek, Żuraw, "
            "Grabowska"
        ),
    ),
    "nordic": Culture(
        given=word_list(
            "Søren, Bjørn, Åsa, Ørjan, Märta, Ingrid, Mikkel, Freja, Kåre, Linnéa, "
            "Astrid, Jens, Sigrid, Håkon, Mette, Göran, Signe, Frøydis"
        ),
        family=word_list(
            "Kierkegaard, Ødegård, Sjöberg, Ångström, Nørgaard, Lindqvist, Jørgensen, "
            "Hægstad, Bråten, Østergaard, Åberg, Löfgren, Nyström, Sæther, Holmqvist, "
            "Dahl, Strøm, Bjørnstad"
        ),
    ),
    "icelandic": Culture(
        given=word_list(
            "Ólafur, Sigríður, Þórdís, Guðrún, Jón, Björk, Ragnheiður, Eyjólfur, "
            "Þorsteinn, Hafdís, Ásgeir, Katrín"
        ),
        family=word_list(
            "Guðmundsdóttir, Þórsson, Ólafsson, Sigurðardóttir, Jónsdóttir, Magnússon, "
            "Einarsson, Ragnarsdóttir, Stefánsson, Björnsdóttir"
        ),
    ),
    "spanish": Culture(
        given=word_list(
            "José, María José, Begoña, Íñigo, Ramón, Inés, Martín, Lucía, Sofía, Nicolás,"
            " Andrés, Ángela, Joaquín, Mónica, Álvaro, Nuria, Tomás, Valentina, "
            "Sebastián, Camila"
        ),
        family=word_list(
            "García, Núñez, Muñoz, Peña, Ibáñez, Martínez, Fernández, Gómez, Rodríguez, "
            "Sánchez, Díaz, Ordóñez, Jiménez, Castañeda, Pérez, López, Álvarez, Herrera, "
            "Ríos, Velázquez"
        ),
        two_families=True,
    ),
    "portuguese": Culture(
        given=word_list(
            "João, Conceição, Gonçalo, Inês, Luís, Tânia, Sebastião, Mônica, Estêvão, "
            "Beatriz, Mário, Letícia, Fábio, Lúcia, Caio"
        ),
        family=word_list(
            "Gonçalves, Araújo, Magalhães, Simões, Conceição, Brandão, Assunção, Falcão, "
            "Antunes, Ribeiro, Guimarães, Sampaio, Loureiro, Gusmão"
        ),
        two_families=True,
    ),
    "french": Culture(
        given=word_list(
            "Amélie, François, Hélène, Jérôme, Zoé, Gaëlle, Noël, Léa, Benoît, Cécile, "
            "Anaïs, Loïc, Mathéo, Clémence, Maël, Océane, Raphaël"
        ),
        family=word_list(
            "Lefèvre, Dubois, Béranger, Gérard, Mercier, Léger, Faure, Rousseau, "
            "Lemaître, Bézier, Girard, Lecœur, Benoît, Dupré, Ménard, Thébault"
        ),
    ),
    "nigerian": Culture(
        given=word_list(
            "Ngozi, Chukwuemeka, Adaeze, Oluwaseun, Adébáyọ̀, Folasade, Ifeoma, Tunde, "
            "Babajide, Chiamaka, Aminu, Zainab, Ọlámídé, Emeka, Yetunde"
        ),
        family=word_list(
            "Okonkwo, Adeyemi, Okafor, Ògúnlànà, Obi, Balogun, Eze, Nwosu, Adébáyọ̀, "
            "Okoro, Bello, Oyèlárán, Abubakar, Nwachukwu"
        ),
    ),
    "vietnamese": Culture(
        given=word_list(
            "Anh, Hương, Tuấn, Thảo, Dũng, Linh, Phương, Hải, Trang, Khoa, Thư, Quỳnh, Long, Nhung"
        ),
        family=word_list("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương"),
        middle=word_list("Thị, Văn, Minh, Đức, Thu, Quang, Ngọc, Hữu, Thanh"),
        family_first=True,
    ),
    "turkish": Culture(
        given=word_list(
            "Çağla, Şükrü, Gülşen, İlker, Ömer, Ayşe, Barış, Özge, Emre, Zeynep, Oğuz, "
            "Büşra, Tuğçe, Çınar"
        ),
        family=word_list(
            "Yılmaz, Öztürk, Şahin, Çelik, Doğan, Kılıç, Aydın, Güneş, Koç, Karakuş, "
            "Özdemir, Arslan, Kaya, Işık"
        ),
    ),
    "czech": Culture(
        given=word_list(
            "Jiří, Šárka, Tomáš, Kateřina, Ondřej, Zdeněk, Lucie, Radek, Věra, Přemysl, "
            "Zuzana, Matěj"
        ),
        family=word_list(
            "Dvořák, Novák, Svobodová, Černý, Procházka, Kučera, Veselý, Růžička, Hájek, "
            "Šťastný, Křížová, Bláha"
        ),
    ),
    "hungarian": Culture(
        given=word_list(
            "Zsófia, Gábor, Réka, Bálint, Ádám, Eszter, Lőrinc, Tünde, Dóra, Péter, Örs, Boglárka"
        ),
        family=word_list(
            "Erdős, Szabó, Kovács, Tóth, Nagy, Horváth, Varga, Fűzfa, Pál, Szűcs, Bíró, Győri"
        ),
        family_first=True,
    ),
    "irish": Culture(
        given=word_list(
            "Siobhán, Seán, Aoife, Niamh, Pádraig, Caoimhe, Ciarán, Rhiannon, Dafydd, "
            "Eoin, Róisín, Máire, Oisín"
        ),
        family=word_list(
            "Ó Briain, Ní Dhomhnaill, O'Connor, Mac Giolla, Ó Súilleabháin, Gallagher, "
            "Llewellyn, O'Sullivan, McCarthy, Ó Ceallaigh, Ní Bhriain, Fitzgerald"
        ),
    ),
    "romanian": Culture(
        given=word_list(
            "Ștefan, Ioana, Mădălina, Răzvan, Andreea, Bogdan, Ilinca, Tudor, Ană, Crăciun"
        ),
        family=word_list(
            "Popescu, Ionescu, Țurcanu, Mureșan, Dumitrescu, Stănescu, Vlădescu, "
            "Lăzărescu, Niță, Bălan"
        ),
    ),
    "japanese": Culture(
        given=word_list("Yūki, Haruto, Sakura, Ren, Aoi, Kenta, Hana, Sōta, Mei, Yūto, Ryō, Kōhei"),
        family=word_list(
            "Satō, Suzuki, Takahashi, Kobayashi, Itō, Watanabe, Yamamoto, Katō, Ōno, "
            "Saitō, Inoue, Kondō"
        ),
    ),
    "chinese": Culture(
        given=word_list("Wei, Xiaoming, Jing, Yiran, Haoran, Mei, Zihan, Yuting, Lei"),
        family=word_list("Zhang, Wang, Li, Liu, Chen, Yang, Huang, Zhao, Lǚ, Xú"),
        family_first=True,
    ),
    "indian": Culture(
        given=word_list(
            "Priya, Arjun, Ananya, Rohan, Kavya, Vikram, Sanjana, Aditya, Lakshmi, Rahul,"
            " Meenakshi, Siddharth, Nikhil, Divya"
        ),
        family=word_list(
            "Sharma, Iyer, Patel, Reddy, Nair, Gupta, Banerjee, Krishnamurthy, Menon, "
            "Chatterjee, Deshpande, Subramaniam"
        ),
    ),
    "arabic": Culture(
        given=word_list(
            "Layla, Omar, Fatima, Youssef, Nour, Karim, Amira, Tariq, Rania, Hicham, Salma, Ziad"
        ),
        family=word_list(
            "Haddad, El-Amin, Al-Sayed, Mansour, Khoury, Nassar, Abou Chakra, Ben "
            "Youssef, El Fassi, Bennani, Saadé"
        ),
    ),
    "english": Culture(
        given=word_list(
            "Emily, James, Olivia, Michael, Sarah, David, Jessica, Daniel, Chloë, Renée, "
            "Noah, Grace, Ethan, Madison, Liam, Hannah, Owen"
        ),
        family=word_list(
            "Smith, Johnson, Brown, Taylor, Anderson, Thompson, Walker, Harris, O'Brien, "
            "Fitzgerald-Hughes, Clarke, Bennett, Reyes, Nakamura-Price, Whitfield"
        ),
    ),
    "greek": Culture(
        given=word_list("Geórgios, Eléni, Dimítris, Katerína, Nikólaos, Ioánna, Chrístos"),
        family=word_list("Papadópoulos, Oikonómou, Georgíou, Konstantínou, Vlachoú, Karrás"),
    ),
    "italian": Culture(
        given=word_list(
            "Niccolò, Giulia, Lorenzo, Chiara, Matteo, Francesca, Nicolò, Ilaria, Davide, Martina"
        ),
        family=word_list(
            "Rossi, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, D'Angelo,"
            " Fabbrò, Cantù"
        ),
    ),
    "dutch": Culture(
        given=word_list("Daan, Sanne, Joëlle, Bram, Fleur, Thijs, Noëlle, Ruud, Eefje"),
        family=word_list(
            "de Vries, van den Berg, Jansen, Bakker, van Dijk, Visser, Smit, Meijer, de "
            "Jong, Mulder"
        ),
    ),
    "finnish": Culture(
        given=word_list("Aino, Väinö, Eetu, Iida, Jääkko, Sanna, Mikko, Päivi, Onni"),
        family=word_list(
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
        for entry in word_list(cities):
            city, area = entry.rsplit(" ", 1)
            pairs.append((city, area))
        countries.append(
            Country(name, code, culture, word_list(legal, ";"), tuple(pairs), float(weight))
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
