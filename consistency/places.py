"""The places news names: each country with the words that name it.

A slot is about one event in one place. To hold a claim to its event the
engine must see the event's place ("into Polish airspace") and recognise
another one ("over western Ukraine", "into Lithuanian airspace"), whatever
the rule author listed. These are the names, adjectives and capitals of the
countries and bodies that news on European security names; `places:` in
`rules/_vocab.yaml` adds more, or more words for these, without code.
Ambiguous words (`Jordan`, `Georgia`, `Chad` as names; `Turkey` the bird is
written in lower case) are left to the vocabulary.
"""

from __future__ import annotations

DEFAULT_PLACES: dict[str, list[str]] = {
    "Albania": ["Albania", "Albanian", "Albanians", "Tirana"],
    "Armenia": ["Armenia", "Armenian", "Armenians", "Yerevan"],
    "Austria": ["Austria", "Austrian", "Austrians", "Vienna"],
    "Azerbaijan": ["Azerbaijan", "Azerbaijani", "Baku"],
    "Belarus": ["Belarus", "Belarusian", "Belarusians", "Minsk"],
    "Belgium": ["Belgium", "Belgian", "Belgians", "Brussels"],
    "Bosnia": ["Bosnia", "Bosnian", "Sarajevo", "Bosnia and Herzegovina"],
    "Bulgaria": ["Bulgaria", "Bulgarian", "Bulgarians", "Sofia"],
    "Canada": ["Canada", "Canadian", "Canadians", "Ottawa"],
    "China": ["China", "Chinese", "Beijing"],
    "Croatia": ["Croatia", "Croatian", "Croatians", "Zagreb"],
    "Cyprus": ["Cyprus", "Cypriot", "Nicosia"],
    "Czechia": ["Czech Republic", "Czechia", "Czech", "Czechs", "Prague"],
    "Denmark": ["Denmark", "Danish", "Danes", "Copenhagen"],
    "Egypt": ["Egypt", "Egyptian", "Egyptians", "Cairo"],
    "Estonia": ["Estonia", "Estonian", "Estonians", "Tallinn"],
    "European Union": ["European Union", "EU"],
    "Finland": ["Finland", "Finnish", "Finns", "Helsinki"],
    "France": ["France", "French", "Paris"],
    "Germany": ["Germany", "German", "Germans", "Berlin"],
    "Greece": ["Greece", "Greek", "Greeks", "Athens"],
    "Hungary": ["Hungary", "Hungarian", "Hungarians", "Budapest"],
    "Iceland": ["Iceland", "Icelandic", "Reykjavik"],
    "India": ["India", "Indian", "Indians", "New Delhi"],
    "Iran": ["Iran", "Iranian", "Iranians", "Tehran"],
    "Iraq": ["Iraq", "Iraqi", "Iraqis", "Baghdad"],
    "Ireland": ["Ireland", "Irish", "Dublin"],
    "Israel": ["Israel", "Israeli", "Israelis", "Jerusalem", "Tel Aviv"],
    "Italy": ["Italy", "Italian", "Italians", "Rome"],
    "Japan": ["Japan", "Japanese", "Tokyo"],
    "Kazakhstan": ["Kazakhstan", "Kazakh", "Astana"],
    "Kosovo": ["Kosovo", "Kosovar", "Pristina"],
    "Latvia": ["Latvia", "Latvian", "Latvians", "Riga"],
    "Lithuania": ["Lithuania", "Lithuanian", "Lithuanians", "Vilnius"],
    "Luxembourg": ["Luxembourg", "Luxembourgish"],
    "Moldova": ["Moldova", "Moldovan", "Moldovans", "Chisinau", "Chișinău", "Transnistria"],
    "Montenegro": ["Montenegro", "Montenegrin", "Podgorica"],
    "Netherlands": ["Netherlands", "Dutch", "The Hague", "Hague", "Amsterdam"],
    "North Korea": ["North Korea", "North Korean", "North Koreans", "Pyongyang"],
    "North Macedonia": ["North Macedonia", "Macedonian", "Skopje"],
    "Norway": ["Norway", "Norwegian", "Norwegians", "Oslo"],
    "Poland": ["Poland", "Polish", "Poles", "Warsaw", "Rzeszów", "Rzeszow", "Lublin", "Gdańsk", "Gdansk", "Kraków",
               "Krakow"],
    "Portugal": ["Portugal", "Portuguese", "Lisbon"],
    "Romania": ["Romania", "Romanian", "Romanians", "Bucharest", "Tulcea"],
    "Russia": ["Russia", "Russian", "Russians", "Moscow", "Kremlin", "Kaliningrad", "Russian Federation"],
    "Saudi Arabia": ["Saudi Arabia", "Saudi", "Riyadh"],
    "Serbia": ["Serbia", "Serbian", "Serbs", "Belgrade"],
    "Slovakia": ["Slovakia", "Slovak", "Slovaks", "Bratislava"],
    "Slovenia": ["Slovenia", "Slovenian", "Slovenians", "Ljubljana"],
    "South Korea": ["South Korea", "South Korean", "South Koreans", "Seoul"],
    "Spain": ["Spain", "Spanish", "Spaniards", "Madrid", "Moncloa"],
    "Sweden": ["Sweden", "Swedish", "Swedes", "Stockholm"],
    "Switzerland": ["Switzerland", "Swiss", "Bern", "Geneva"],
    "Syria": ["Syria", "Syrian", "Syrians", "Damascus"],
    "Türkiye": ["Türkiye", "Turkey", "Turkish", "Turks", "Ankara", "Istanbul"],
    "Ukraine": ["Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Kharkiv", "Lviv", "Odesa", "Odessa", "Lutsk",
                "Dnipro", "Zaporizhzhia", "Donbas", "Crimea", "Kherson", "Sumy", "Chernihiv", "Volyn"],
    "United Kingdom": ["United Kingdom", "U.K.", "UK", "Britain", "British", "Britons", "London", "England", "Scotland",
                       "Wales"],
    "United States": ["United States", "U.S.", "US", "USA", "America", "American", "Americans", "Washington",
                      "White House", "Pentagon"],
}
