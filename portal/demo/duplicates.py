"""Titles citizens would write for ideas the demo already has, with the
spellings they really use ("cykel sti", "p-pladser", "skole gård"): the
measure of ``ideas.similar``. Each pair is (the new title, the position in
``content.IDEAS`` of the idea it duplicates); the test and the README give
the share whose original is among the five suggestions."""

DUPLICATE_PAIRS = [
    ("Cykel sti fra Solbjerg til Højby", 1),
    ("Fodgængerovergang ved Engholm skole", 0),
    ("Lavere hastighed i den gamle bydel", 2),
    ("Flere busser om søndagen til Engholm", 3),
    ("Bænke ved Skovlunde sø", 5),
    ("Hundeskov hvor hunde må løbe uden snor", 6),
    ("Shelter og bål i Engholm skov", 7),
    ("Blomster for bier i vejkanten", 8),
    ("Reparations café på biblioteket", 10),
    ("Sommer bio på torvet", 11),
    ("Bogbytte kasse ved busstop", 12),
    ("Øvelokale til unge musikere og bands", 13),
    ("Åbne skole gårde i weekenden", 15),
    ("Cykel parkering med tag ved skolen", 16),
    ("Skolehave på hver skole", 17),
    ("Skolemad fra eget køkken", 18),
    ("Motions redskaber i byparken", 20),
    ("Besøgsven til ensomme ældre", 21),
    ("Offentlige toiletter i bymidten", 22),
    ("Fællesspisning for ældre på plejecentret", 23),
    ("Gratis p-pladser i bymidten", 25),
    ("Marked på torvet om lørdagen", 26),
    ("Pop up butikker i tomme butikker på Algade", 27),
    ("Gavekort til byens butikker", 28),
    ("Solceller på kommunens tage", 30),
    ("Dele biler i Højby", 31),
    ("Lade standere til el-biler", 32),
    ("Sluk gadelys om natten", 34),
    ("Vinterbadning ved Skovlunde sø", 35),
    ("Løbesti med lys rundt om søen", 37),
    ("Skaterpark ved idrætscentret", 38),
    ("Leje af kajak ved søen", 39),
]
