"""Demo content for a fictional Danish municipality, Solbjerg Kommune.

Pure data: citizens, categories, ideas, comments and replies used to seed a
believable demo of the participation portal. Places and people are fictional.
``hours_after`` of comments and replies is counted from the idea's posting time.
"""

from __future__ import annotations

MUNICIPALITY = "Solbjerg Kommune"

# The demo municipality's areas (place names, the same in every language),
# each with the word that puts an idea in it when its text names the place;
# an idea that names none is about no particular area.
AREAS = [
    ("solbjerg", "Solbjerg by", "bymidte"), ("hojby", "Højby", "Højby"),
    ("engholm", "Engholm", "Engholm"), ("vestervang", "Vestervang", "Vestervang"),
]  # fmt: skip

# The standard reasons moderators pick from, in every language.
CANNED_REASONS = [
    {
        "en": "It contains personal information, such as a phone number or an address.",
        "da": "Det indeholder personoplysninger, fx et telefonnummer eller en adresse.",
        "nb": "Det inneholder personopplysninger, for eksempel et telefonnummer eller en adresse.",
        "nl": "Het bevat persoonsgegevens, zoals een telefoonnummer of een adres.",
    },
    {
        "en": "It is advertising, not a contribution to the debate.",
        "da": "Det er reklame, ikke et bidrag til debatten.",
        "nb": "Det er reklame, ikke et bidrag til debatten.",
        "nl": "Het is reclame, geen bijdrage aan het gesprek.",
    },
    {
        "en": "It attacks a person instead of discussing the idea.",
        "da": "Det angriber en person i stedet for at drøfte idéen.",
        "nb": "Det angriper en person i stedet for å diskutere ideen.",
        "nl": "Het valt een persoon aan in plaats van het idee te bespreken.",
    },
]

CATEGORIES = [
    {
        "slug": "roads",
        "name": {
            "en": "Roads and traffic",
            "da": "Veje og trafik",
            "nb": "Vei og trafikk",
            "nl": "Wegen en verkeer",
        },
    },
    {
        "slug": "nature",
        "name": {
            "en": "Nature and green spaces",
            "da": "Natur og grønne områder",
            "nb": "Natur og grøntområder",
            "nl": "Natuur en groen",
        },
    },
    {
        "slug": "culture",
        "name": {
            "en": "Culture and leisure",
            "da": "Kultur og fritid",
            "nb": "Kultur og fritid",
            "nl": "Cultuur en vrije tijd",
        },
    },
    {
        "slug": "schools",
        "name": {
            "en": "Schools and childcare",
            "da": "Skoler og dagtilbud",
            "nb": "Skole og barnehage",
            "nl": "Scholen en kinderopvang",
        },
    },
    {
        "slug": "elderly-care",
        "name": {
            "en": "Elderly care and health",
            "da": "Ældre og sundhed",
            "nb": "Eldreomsorg og helse",
            "nl": "Ouderenzorg en gezondheid",
        },
    },
    {
        "slug": "business",
        "name": {
            "en": "Business and town centre",
            "da": "Erhverv og bymidte",
            "nb": "Næringsliv og sentrum",
            "nl": "Ondernemen en centrum",
        },
    },
    {
        "slug": "climate",
        "name": {
            "en": "Climate and environment",
            "da": "Klima og miljø",
            "nb": "Klima og miljø",
            "nl": "Klimaat en milieu",
        },
    },
    {
        "slug": "sport",
        "name": {
            "en": "Sport and exercise",
            "da": "Idræt og bevægelse",
            "nb": "Idrett og fysisk aktivitet",
            "nl": "Sport en bewegen",
        },
    },
]

CITIZENS = [
    {"name": "Mette Kjær", "email": "mette.kjaer@example.org"},  # 0
    {"name": "Lars Østergaard", "email": "lars.oestergaard@example.org"},  # 1
    {"name": "Anne Sofie Holm", "email": "annesofie.holm@example.org"},  # 2
    {"name": "Jens Peter Madsen", "email": "jenspeter.madsen@example.org"},  # 3
    {"name": "Camilla Bach", "email": "camilla.bach@example.org"},  # 4
    {"name": "Søren Frederiksen", "email": "soeren.frederiksen@example.org"},  # 5
    {"name": "Hanne Lund", "email": "hanne.lund@example.org"},  # 6
    {"name": "Mikkel Thygesen", "email": "mikkel.thygesen@example.org"},  # 7
    {"name": "Louise Dam", "email": "louise.dam@example.org"},  # 8
    {"name": "Niels Erik Skov", "email": "nielserik.skov@example.org"},  # 9
    {"name": "Pernille Høj", "email": "pernille.hoej@example.org"},  # 10
    {"name": "Kasper Vinther", "email": "kasper.vinther@example.org"},  # 11
    {"name": "Birgitte Nørgaard", "email": "birgitte.noergaard@example.org"},  # 12
    {"name": "Thomas Kristensen", "email": "thomas.kristensen@example.org"},  # 13
    {"name": "Line Sørensen", "email": "line.soerensen@example.org"},  # 14
    {"name": "Anders Bruun", "email": "anders.bruun@example.org"},  # 15
    {"name": "Karen Margrethe Poulsen", "email": "karen.poulsen@example.org"},  # 16
    {"name": "Rasmus Juhl", "email": "rasmus.juhl@example.org"},  # 17
    {"name": "Ida Mortensen", "email": "ida.mortensen@example.org"},  # 18
    {"name": "Frederik Laursen", "email": "frederik.laursen@example.org"},  # 19
    {"name": "Maja Andersen", "email": "maja.andersen@example.org"},  # 20
    {"name": "Henrik Vestergaard", "email": "henrik.vestergaard@example.org"},  # 21
    {"name": "Julie Dalsgaard", "email": "julie.dalsgaard@example.org"},  # 22
    {"name": "Bent Iversen", "email": "bent.iversen@example.org"},  # 23
    {"name": "Sofie Lindberg", "email": "sofie.lindberg@example.org"},  # 24
    {"name": "Ole Winther", "email": "ole.winther@example.org"},  # 25
    {"name": "Ingrid Solberg", "email": "ingrid.solberg@example.org"},  # 26
    {"name": "Kari Haugen", "email": "kari.haugen@example.org"},  # 27
    {"name": "Pieter de Vries", "email": "pieter.devries@example.org"},  # 28
    {"name": "Annelies van Dijk", "email": "annelies.vandijk@example.org"},  # 29
]

IDEAS = [
    # ------------------------------------------------------------------ roads
    {
        "title": "Sikker skolevej: fodgængerfelt og lavere fart på Højbyvej ved Engholm Skole",
        "body": (
            "Hver morgen krydser omkring 150 børn Højbyvej for at komme i skole, og bilerne kører "
            "ofte langt over de tilladte 50 km/t. Der er kun en helle ved tankstationen, og den ligger "
            "et andet sted, end hvor børnene faktisk går.\n\n"
            "Jeg foreslår:\n\n"
            "- et signalreguleret fodgængerfelt ud for stien til skolen\n"
            "- 40 km/t i tidsrummet 7-16 på skoledage\n"
            "- bump eller chikaner før og efter overgangen\n\n"
            "Skolebestyrelsen har rejst sagen flere gange, men der er ikke sket noget. "
            "**Det bør ikke kræve en ulykke, før vi handler.**\n\n"
            "Rådet for Sikker Trafik har gode råd om sikre skoleveje: "
            "[sikkertrafik.dk](https://www.sikkertrafik.dk)."
        ),
        "category": "roads",
        "author": 0,
        "days_ago": 170,
        "supporters": 27,
        "lang": "da",
        "comments": [
            {
                "author": 10,
                "hours_after": 3,
                "body": "Helt enig! Min datter går i 2. klasse, og jeg tør ikke lade hende cykle alene. Bilerne fra industrikvarteret har travlt om morgenen.",
                "replies": [
                    {
                        "author": 0,
                        "hours_after": 6,
                        "body": "Tak, Pernille. Det er præcis dét, mange forældre siger. Måske kan vi samle erfaringer fra klasserne og sende dem med til teknisk udvalg?",
                    },
                ],
            },
            {
                "author": 21,
                "hours_after": 20,
                "body": "Jeg er enig i fodgængerfeltet, men bump på Højbyvej bliver et problem for busserne og landbrugsmaskinerne. Kunne man ikke nøjes med en fartviser og mere politikontrol?",
                "replies": [
                    {
                        "author": 0,
                        "hours_after": 26,
                        "body": "God pointe, Henrik. Der findes **pudebump**, som busser og traktorer kan køre over uden problemer, men jeg er åben over for andre løsninger. Det vigtigste er, at farten kommer ned.",
                    },
                    {
                        "author": 13,
                        "hours_after": 30,
                        "body": "Fartvisere virker desværre kun i en periode. Efter et par måneder kører folk lige så stærkt igen.",
                    },
                ],
            },
            {
                "author": 4,
                "hours_after": 52,
                "body": "Kunne man supplere med en skolepatrulje? På Solbjerg Skole har de haft det i mange år, og det fungerer rigtig godt.",
                "replies": [],
            },
            {
                "author": 23,
                "hours_after": 140,
                "body": "Jeg bor på Højbyvej og kan bekræfte, at farten er for høj – også om aftenen. En generel nedsættelse ville jeg også hilse velkommen.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Cykelsti mellem Solbjerg og Højby",
        "body": (
            "Strækningen mellem Solbjerg og Højby er kun 4,5 km, men næsten ingen tør cykle den. "
            "Landevejen er smal, der er ingen rabat, og lastbilerne til grusgraven kører tæt forbi.\n\n"
            "En **separat cykelsti** langs Højbyvej ville gøre det muligt for:\n\n"
            "- de ældste elever fra Højby at cykle til overbygningen i Solbjerg\n"
            "- pendlere at cykle til stationen\n"
            "- familier at komme ud til Skovlunde Sø uden bil\n\n"
            "Staten har tidligere givet tilskud til cykelstier gennem cykelpuljen. Se mere hos "
            "[Vejdirektoratet](https://www.vejdirektoratet.dk). Kommunen bør søge, næste gang "
            "der er en pulje.\n\n"
            "Skriv gerne, hvis du selv ville bruge stien, og hvad du ville bruge den til."
        ),
        "category": "roads",
        "author": 3,
        "days_ago": 195,
        "supporters": 29,
        "lang": "da",
        "comments": [
            {
                "author": 11,
                "hours_after": 2,
                "body": "Ja tak! Jeg pendler til Solbjerg Station hver dag og tager bilen, fordi vejen er for farlig. Med en cykelsti ville jeg cykle det meste af året.",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 5,
                        "body": "Dejligt at høre, Kasper. Jo flere pendlere der melder sig, jo stærkere står vi.",
                    },
                ],
            },
            {
                "author": 16,
                "hours_after": 9,
                "body": "Som bedstemor til tre børn i Højby kan jeg kun støtte det. I dag kører vi dem overalt.",
                "replies": [],
            },
            {
                "author": 21,
                "hours_after": 15,
                "body": "Jeg støtter også idéen, men hvad koster det egentlig? Jeg har hørt tal på omkring **3-4 millioner kr. pr. kilometer**. Hvor skal pengene tages fra?",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 20,
                        "body": "Godt spørgsmål. Prisen afhænger meget af, om der skal købes jord. Hvis man kan få halvdelen i statsligt tilskud, bliver det mere realistisk. Jeg har bedt forvaltningen om et overslag.",
                    },
                    {
                        "author": 9,
                        "hours_after": 26,
                        "body": "Man kunne også lave den i etaper. Første etape fra Solbjerg til Skovlunde Sø giver mening i sig selv.",
                    },
                    {
                        "author": 21,
                        "hours_after": 31,
                        "body": "Etaper lyder fornuftigt. Så kan man se, om stien bliver brugt, før man bruger hele beløbet.",
                    },
                ],
            },
            {
                "author": 12,
                "hours_after": 40,
                "body": "Husk belysning! Om vinteren er det mørkt, både når børnene skal i skole, og når de skal hjem fra fritidsaktiviteter. Uden lys bliver stien ikke brugt fra oktober til marts.",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 44,
                        "body": "Helt enig. Der findes sensorstyret LED-lys, som kun tænder, når der kommer nogen. Det sparer strøm og generer ikke dyrelivet så meget.",
                    },
                ],
            },
            {
                "author": 25,
                "hours_after": 70,
                "body": "Jeg er landmand og ejer noget af jorden langs vejen. Jeg er ikke imod en cykelsti, men kommunen skal tale med os lodsejere i god tid og ikke bare sende et brev om ekspropriation.",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 75,
                        "body": "Tak for dit input, Ole – det er vigtigt. Det bliver meget lettere, hvis lodsejerne er med fra starten. Vil du være med til et møde, hvis vi får et i stand?",
                    },
                    {
                        "author": 25,
                        "hours_after": 80,
                        "body": "Ja, det vil jeg gerne. Så kan vi også tale om overkørsler til markerne.",
                    },
                ],
            },
            {
                "author": 7,
                "hours_after": 120,
                "body": "Kunne man ikke bruge den gamle banedæmning i stedet? Den går næsten parallelt med vejen og er allerede flad.",
                "replies": [
                    {
                        "author": 9,
                        "hours_after": 126,
                        "body": "God tanke, men et stykke af banedæmningen er solgt fra til private haver ved Højby Mølle. Det skal man nok kigge nærmere på.",
                    },
                    {
                        "author": 7,
                        "hours_after": 133,
                        "body": "Det vidste jeg ikke. Så måske en kombination: banedæmningen, hvor det kan lade sig gøre, og langs vejen resten af strækningen.",
                    },
                ],
            },
            {
                "author": 1,
                "hours_after": 300,
                "body": "Der blev holdt borgermøde om en cykelsti i 2014, og dengang blev den lovet. Jeg håber, det bliver til noget denne gang.",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 310,
                        "body": "Det har jeg også hørt, Lars. Måske kan vi få den gamle sag frem igen – der er sikkert lavet undersøgelser, som kan genbruges.",
                    },
                ],
            },
            {
                "author": 18,
                "hours_after": 900,
                "body": "Opdatering: Teknik- og Miljøudvalget har sat cykelstien på dagsordenen til næste møde. Godt gået, alle sammen!",
                "replies": [
                    {
                        "author": 3,
                        "hours_after": 910,
                        "body": "Fantastisk! Tak til alle, der har støttet og kommenteret. Mød gerne op – mødet er offentligt.",
                    },
                ],
            },
            {
                "author": 14,
                "hours_after": 1500,
                "body": "Jeg samlede 230 underskrifter i Højby Brugs på to uger. De er nu afleveret til udvalgsformanden sammen med et link til forslaget her.",
                "replies": [],
            },
        ],
    },
    {
        "title": "30 km/t i hele den gamle bydel i Solbjerg",
        "body": (
            "Gaderne i den gamle bydel omkring Kirkepladsen og Algade er smalle, og mange steder "
            "er der ikke fortov. Alligevel må man køre 50 km/t.\n\n"
            "Jeg foreslår, at hele området mellem Stationsvej, Åvej og Kirkebakken bliver en "
            "**30 km/t-zone**. Det giver mindre støj, færre ulykker og gør det mere trygt at gå og cykle.\n\n"
            "Efter at reglerne er blevet lempet, kan kommunerne lettere selv beslutte lavere "
            "hastigheder i byerne. Læs mere hos [Vejdirektoratet](https://www.vejdirektoratet.dk)."
        ),
        "category": "roads",
        "author": 7,
        "days_ago": 88,
        "supporters": 14,
        "lang": "da",
        "comments": [
            {
                "author": 1,
                "hours_after": 10,
                "body": "Godt forslag. Der bor mange ældre i området, og det er faktisk ubehageligt at gå på Kirkebakken.",
                "replies": [],
            },
            {
                "author": 15,
                "hours_after": 30,
                "body": "Jeg forstår idéen, men skilte alene ændrer ikke noget. Hvis vejene ikke bliver bygget om, kører folk bare, som de plejer.",
                "replies": [
                    {
                        "author": 7,
                        "hours_after": 34,
                        "body": "Det er rigtigt, at skilte ikke gør det alene. Men de smalle gader holder i forvejen farten lidt nede, og man kan starte med billige tiltag som plantekasser og vejbump.",
                    },
                ],
            },
            {
                "author": 28,
                "hours_after": 72,
                "body": "I Holland er 30 km/t helt normalt i boligområder. Man vænner sig hurtigt til det, og byen bliver meget rarere at være i.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Bedre busforbindelse om søndagen til Højby og Engholm",
        "body": (
            "Om søndagen kører rute 312 kun hver anden time, og den sidste bus fra Solbjerg går "
            "allerede kl. 17.40. Uden bil kan man altså ikke besøge familie, komme på plejecentret "
            "eller komme hjem fra en koncert.\n\n"
            "Mange ældre i Højby og Engholm har ikke længere bil. For dem er bussen den eneste "
            "mulighed for at komme ud.\n\n"
            "**Mit forslag:** mindst én afgang i timen om søndagen mellem kl. 9 og 21. Hvis det er "
            "for dyrt, kunne man i stedet udvide flextrafikken, så den kører om søndagen på samme "
            "vilkår som på hverdage."
        ),
        "category": "roads",
        "author": 16,
        "days_ago": 45,
        "supporters": 19,
        "lang": "da",
        "comments": [
            {
                "author": 20,
                "hours_after": 4,
                "body": "Det ville også hjælpe de unge. Min søn har fritidsjob i Solbjerg om søndagen og må enten låne bilen eller blive hentet.",
                "replies": [],
            },
            {
                "author": 5,
                "hours_after": 22,
                "body": "Kan man se, hvor mange der faktisk tager bussen i dag? Det er ofte halvtomme busser, der kører rundt om søndagen. Flextrafik lyder som en bedre løsning.",
                "replies": [
                    {
                        "author": 16,
                        "hours_after": 27,
                        "body": "Busserne er måske halvtomme, men det er også, fordi køreplanen er så dårlig, at ingen kan bruge den. Men flextrafik hele søndagen ville være et stort skridt.",
                    },
                ],
            },
            {
                "author": 23,
                "hours_after": 50,
                "body": "Jeg har brugt flextur et par gange. Det fungerer fint, men man skal bestille i god tid, og det er ikke alle ældre, der kan finde ud af app'en.",
                "replies": [
                    {
                        "author": 2,
                        "hours_after": 60,
                        "body": "Man kan også bestille over telefonen. Det burde stå tydeligere på kommunens hjemmeside.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Bedre belysning på gang- og sykkelveien ved stasjonen",
        "body": (
            "Gang- og sykkelveien mellom Solbjerg stasjon og boligområdet i Engholm er nesten helt "
            "mørk om kvelden. Flere av lyktene har vært i stykker siden i fjor høst.\n\n"
            "Jeg går der hver dag fra toget, og mange – særlig unge og eldre – føler seg utrygge på "
            "strekningen.\n\n"
            "Forslag:\n\n"
            "- reparere de ødelagte lyktene så raskt som mulig\n"
            "- sette opp flere lys i svingen ved undergangen\n"
            "- klippe buskene som skjuler stien\n\n"
            "Dette er **ikke et dyrt tiltak**, men det vil gjøre stor forskjell for tryggheten."
        ),
        "category": "roads",
        "author": 26,
        "days_ago": 60,
        "supporters": 8,
        "lang": "nb",
        "comments": [
            {
                "author": 27,
                "hours_after": 8,
                "body": "Helt enig, Ingrid. Jeg sykler der om vinteren, og i svingen ved undergangen ser man nesten ingenting.",
                "replies": [],
            },
            {
                "author": 8,
                "hours_after": 30,
                "body": "Jeg har meldt de ødelagte lamper via kommunens app flere gange. Måske hjælper det, hvis flere gør det samme?",
                "replies": [
                    {
                        "author": 26,
                        "hours_after": 36,
                        "body": "Takk for tipset, Louise! Jeg skal melde det i appen også. Jo flere som gjør det, desto bedre.",
                    },
                ],
            },
        ],
    },
    # ----------------------------------------------------------------- nature
    {
        "title": "Flere bænke langs stien rundt om Skovlunde Sø",
        "body": (
            "Stien rundt om Skovlunde Sø er 5,2 km lang og bruges af rigtig mange: gående, løbere, "
            "barnevognsfamilier og ældre. Men der er kun fire bænke på hele turen, og de står alle "
            "i den nordlige ende.\n\n"
            "For mange ældre og gangbesværede er turen derfor for lang. Med en bænk for hver "
            "500 meter kunne langt flere komme med.\n\n"
            "Bænkene kunne med fordel laves af lokalt træ, for eksempel af de ege, der blev fældet "
            "i Engholm Skov sidste vinter."
        ),
        "category": "nature",
        "author": 12,
        "days_ago": 150,
        "supporters": 21,
        "lang": "da",
        "comments": [
            {
                "author": 23,
                "hours_after": 6,
                "body": "Fremragende idé. Jeg er 81 og går gerne en tur, men jeg må vende om ved badestranden, fordi der ikke er noget sted at hvile.",
                "replies": [],
            },
            {
                "author": 9,
                "hours_after": 25,
                "body": "Kunne lokale virksomheder eller foreninger sponsorere en bænk med en lille messingplade? Det har jeg set i andre kommuner.",
                "replies": [
                    {
                        "author": 12,
                        "hours_after": 29,
                        "body": "Rigtig god idé, Niels Erik. Så kunne man måske også donere en bænk til minde om en, man har mistet.",
                    },
                ],
            },
            {
                "author": 17,
                "hours_after": 80,
                "body": "Gerne flere bænke, men husk også skraldespande ved dem. Ellers ender affaldet i søen.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Indhegnet hundeskov i Solbjerg",
        "body": (
            "Der er mange hundeejere i Solbjerg, men den nærmeste hundeskov ligger i nabokommunen, "
            "20 minutter væk i bil.\n\n"
            "Jeg foreslår, at en del af det grønne område bag Vestervang bliver indhegnet, så hunde "
            "kan løbe frit. Området bliver ikke brugt til ret meget i dag.\n\n"
            "En god hundeskov har:\n\n"
            "- et solidt hegn og en dobbelt låge\n"
            "- et separat område til små hunde\n"
            "- skraldespande og hundeposer\n"
            "- et par bænke til ejerne\n\n"
            "Der er gode erfaringer med hundeskove mange steder i landet, se for eksempel "
            "[Naturstyrelsen](https://naturstyrelsen.dk)."
        ),
        "category": "nature",
        "author": 8,
        "days_ago": 120,
        "supporters": 17,
        "lang": "da",
        "comments": [
            {
                "author": 19,
                "hours_after": 4,
                "body": "Ja tak! Så slipper vi også for løse hunde på legepladsen.",
                "replies": [],
            },
            {
                "author": 1,
                "hours_after": 18,
                "body": "Jeg bor på Vestervang og er bekymret for gøen tidligt om morgenen og sent om aftenen. Kunne man lægge hegnet længere væk fra husene?",
                "replies": [
                    {
                        "author": 8,
                        "hours_after": 23,
                        "body": "Det er en helt rimelig bekymring, Lars. Området er stort nok til, at hegnet kan ligge mindst 100 meter fra husene, og der kunne være faste åbningstider, for eksempel kl. 7-21.",
                    },
                    {
                        "author": 1,
                        "hours_after": 40,
                        "body": "Hvis det bliver sådan, har jeg ikke noget imod det.",
                    },
                ],
            },
            {
                "author": 6,
                "hours_after": 70,
                "body": "Husk vand til hundene om sommeren – en simpel vandpost ville være guld værd.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Shelters og bålhytte i Engholm Skov",
        "body": (
            "Engholm Skov er et fantastisk naturområde, men der er ingen steder at overnatte eller "
            "lave mad over bål.\n\n"
            "Et par **shelters og en bålhytte** ville gøre skoven til et samlingspunkt for spejdere, "
            "skoleklasser, dagplejere og familier. Det er en billig måde at give børn gode "
            "naturoplevelser på.\n\n"
            "Jeg er med i Solbjerg Spejderne, og vi vil gerne hjælpe med at bygge og passe stedet. "
            "Shelterne kunne bookes via [Udinaturen.dk](https://udinaturen.dk) som mange andre "
            "steder i landet."
        ),
        "category": "nature",
        "author": 9,
        "days_ago": 135,
        "supporters": 24,
        "lang": "da",
        "comments": [
            {
                "author": 4,
                "hours_after": 12,
                "body": "Det ville vores børnehave elske! Vi går i skoven hver torsdag, og med en bålhytte kunne vi være der hele dagen, også om vinteren.",
                "replies": [],
            },
            {
                "author": 25,
                "hours_after": 40,
                "body": "God idé, men bålpladsen skal placeres fornuftigt. I tørre somre er der risiko for skovbrand.",
                "replies": [
                    {
                        "author": 9,
                        "hours_after": 45,
                        "body": "Helt rigtigt, Ole. Vi vil gerne have en muret bålplads og selvfølgelig følge beredskabets regler om forbud mod afbrænding.",
                    },
                ],
            },
            {
                "author": 13,
                "hours_after": 100,
                "body": "Hvordan undgår man fester og efterladt affald? Det har været et problem ved shelteren i nabokommunen.",
                "replies": [
                    {
                        "author": 9,
                        "hours_after": 110,
                        "body": "Det er en reel risiko. Erfaringen andre steder er, at det går meget bedre, når en lokal forening tager ejerskab og kigger forbi et par gange om ugen.",
                    },
                ],
            },
            {
                "author": 20,
                "hours_after": 200,
                "body": "Jeg er lærer på Engholm Skole og kan kun bakke op. Udeskole er meget lettere med en fast base i skoven.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Blomster til bierne i stedet for græsplæne i rabatterne",
        "body": (
            "Kommunen slår store græsarealer langs veje og i parker mange gange hver sommer. Det "
            "koster mange penge og giver næsten ingen plads til insekter.\n\n"
            "Mit forslag er at lade udvalgte arealer blive til **vilde blomsterenge** med "
            "hjemmehørende arter, som kun skal slås en eller to gange om året.\n\n"
            "Gode steder at starte kunne være:\n\n"
            "- rundkørslen ved Stationsvej\n"
            "- skrænterne ned mod Skovlunde Sø\n"
            "- rabatterne langs Engholmvej\n\n"
            "Det er godt for bier og sommerfugle, og det ser også smukt ud."
        ),
        "category": "nature",
        "author": 22,
        "days_ago": 30,
        "supporters": 12,
        "lang": "da",
        "comments": [
            {
                "author": 14,
                "hours_after": 5,
                "body": "Smukt forslag! Jeg har selv lavet en lille blomstereng i haven, og nu er der fuld gang i humlebierne.",
                "replies": [],
            },
            {
                "author": 5,
                "hours_after": 20,
                "body": "Jeg synes, det kan komme til at se uplejet ud. Mange vil opfatte det, som om kommunen bare har opgivet at slå græs.",
                "replies": [
                    {
                        "author": 22,
                        "hours_after": 26,
                        "body": "Det forstår jeg godt. Et trick er at slå en pæn kant langs stier og fortove og sætte et lille skilt op, der forklarer, hvorfor der er blomstereng. Så ser det villet ud.",
                    },
                    {
                        "author": 12,
                        "hours_after": 40,
                        "body": "I nabokommunen gør de præcis sådan, og det fungerer fint. Skiltene gør en stor forskel.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Natuurspeelplaats bij Skovlunde Sø",
        "body": (
            "Bij Skovlunde Sø staat een klein, ouderwets speeltoestel, maar er spelen weinig "
            "kinderen. Ik stel voor om er een **natuurspeelplaats** van te maken.\n\n"
            "Denk aan boomstammen om op te klimmen, een wilgenhut, een zandbak met water en stenen "
            "om mee te bouwen. Zulke speelplaatsen zijn in Nederland erg populair en vragen weinig "
            "onderhoud.\n\n"
            "Kinderen leren zo spelenderwijs over de natuur, en ouders kunnen er rustig bij zitten "
            "op een bankje aan het water."
        ),
        "category": "nature",
        "author": 29,
        "days_ago": 75,
        "supporters": 6,
        "lang": "nl",
        "comments": [
            {
                "author": 28,
                "hours_after": 20,
                "body": "Goed idee, Annelies! In Utrecht hadden we er een vlak bij ons huis, en onze kinderen waren er elke dag te vinden.",
                "replies": [],
            },
            {
                "author": 4,
                "hours_after": 50,
                "body": "Jeg forstår ikke alt, men hvis det er en naturlegeplads, er jeg helt med! Vores børn ville elske det.",
                "replies": [
                    {
                        "author": 29,
                        "hours_after": 55,
                        "body": "Tak, Camilla! Ja, det er en naturlegeplads – med træstammer, vand og sand.",
                    },
                ],
            },
        ],
    },
    # ---------------------------------------------------------------- culture
    {
        "title": "Reparationscafé på biblioteket én gang om måneden",
        "body": (
            "Mange ting bliver smidt ud, fordi det er for besværligt at få dem repareret: en lampe "
            "med løs ledning, en cykel med punktering eller en trøje med hul.\n\n"
            "En **reparationscafé** på Solbjerg Bibliotek kunne samle frivillige, der er gode til at "
            "reparere, og borgere, der har noget i stykker. Man reparerer sammen, drikker en kop "
            "kaffe og lærer noget undervejs.\n\n"
            "Biblioteket har allerede lokaler og kaffe. Det eneste, der mangler, er lidt værktøj og en "
            "fast dato i kalenderen. Jeg melder mig gerne som frivillig til tøj og symaskiner."
        ),
        "category": "culture",
        "author": 20,
        "days_ago": 110,
        "supporters": 15,
        "lang": "da",
        "comments": [
            {
                "author": 23,
                "hours_after": 8,
                "body": "Jeg er pensioneret elektriker og vil gerne hjælpe med lamper og små elektriske apparater.",
                "replies": [
                    {
                        "author": 20,
                        "hours_after": 12,
                        "body": "Hvor er det skønt, Bent! Så har vi allerede to frivillige.",
                    },
                ],
            },
            {
                "author": 3,
                "hours_after": 35,
                "body": "Jeg kan tage mig af cyklerne. Jeg har en værkstedskasse, der bare står og samler støv.",
                "replies": [],
            },
            {
                "author": 10,
                "hours_after": 90,
                "body": "Hvad med forsikring, hvis noget går galt under en reparation? Det bør man nok afklare med kommunen på forhånd.",
                "replies": [
                    {
                        "author": 20,
                        "hours_after": 100,
                        "body": "God pointe. Andre reparationscaféer har en simpel ansvarsfraskrivelse, som man skriver under på. Jeg spørger biblioteket, hvordan de vil gribe det an.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Udendørs sommerbio på Torvet",
        "body": (
            "Hvad med en række filmaftener på Torvet i Solbjerg i juli og august? Et stort lærred, "
            "tæpper på brostenene og en lokal foodtruck.\n\n"
            "Det kunne laves i samarbejde med Solbjerg Bio og handelsstandsforeningen, så der også "
            "kommer liv i bymidten om aftenen.\n\n"
            "Forslag til program: en familiefilm kl. 19 og en klassiker, når det bliver mørkt."
        ),
        "category": "culture",
        "author": 11,
        "days_ago": 50,
        "supporters": 9,
        "lang": "da",
        "comments": [
            {
                "author": 24,
                "hours_after": 15,
                "body": "Hyggelig idé! Men det bliver først mørkt ved 22-tiden i juli, så den sene film kommer til at slutte ret sent.",
                "replies": [
                    {
                        "author": 11,
                        "hours_after": 20,
                        "body": "Det er rigtigt. Måske skal det hellere være i august, hvor det bliver mørkt lidt tidligere.",
                    },
                ],
            },
            {
                "author": 1,
                "hours_after": 40,
                "body": "Som nabo til Torvet håber jeg, at lyden bliver skruet ned efter kl. 23.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Bogbyttekasser ved busstoppestederne",
        "body": (
            "Små bogbyttekasser, hvor man kan stille en bog og tage en anden, er blevet populære "
            "mange steder. Jeg foreslår, at vi sætter nogle op ved de største busstoppesteder i "
            "Solbjerg og Højby.\n\n"
            "Det koster næsten ingenting, og så er der noget at læse, mens man venter på bussen."
        ),
        "category": "culture",
        "author": 14,
        "days_ago": 18,
        "supporters": 1,
        "lang": "da",
        "comments": [
            {
                "author": 6,
                "hours_after": 30,
                "body": "Sød idé, men kasserne skal være vandtætte. Jeg har set en i nabobyen, hvor alle bøgerne var ødelagt af regn.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Øvelokaler til unge bands i den gamle brandstation",
        "body": (
            "Den gamle brandstation på Åvej har stået tom, siden beredskabet flyttede. Bygningen har "
            "tykke mure og ligger et stykke fra boliger – perfekt til **øvelokaler**.\n\n"
            "I dag må unge bands øve i garager og kældre, og mange giver op, fordi de ikke kan finde "
            "et sted. Med tre-fire øvelokaler og en lille scene kunne brandstationen blive et "
            "samlingssted for unge musikere.\n\n"
            "Musikskolen kunne stå for bookingen, og de unge kunne selv være med til at sætte "
            "lokalerne i stand."
        ),
        "category": "culture",
        "author": 17,
        "days_ago": 95,
        "supporters": 7,
        "lang": "da",
        "comments": [
            {
                "author": 19,
                "hours_after": 22,
                "body": "Det ville have ændret alt for mig, da jeg var 16. Vi øvede i min fars garage, indtil naboerne klagede.",
                "replies": [],
            },
            {
                "author": 21,
                "hours_after": 60,
                "body": "Jeg troede, brandstationen var sat til salg? Så skal det nok gå hurtigt, hvis det skal nås.",
                "replies": [
                    {
                        "author": 17,
                        "hours_after": 70,
                        "body": "Ifølge referatet fra økonomiudvalget er salget sat på pause. Så der er måske stadig en chance.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Åpent bibliotek også på søndager",
        "body": (
            "Biblioteket i Solbjerg er stengt hele søndagen, men det er jo nettopp da mange familier "
            "har tid til å låne bøker og være sammen.\n\n"
            "Med **meråpent bibliotek** kan man låse seg inn med lånekort og PIN-kode, også når det "
            "ikke er ansatte til stede. Det er vanlig både i Norge og i Danmark.\n\n"
            "Jeg foreslår åpningstid kl. 10–16 på søndager, gjerne med et par arrangementer for barn "
            "hver måned."
        ),
        "category": "culture",
        "author": 27,
        "days_ago": 140,
        "supporters": 11,
        "lang": "nb",
        "comments": [
            {
                "author": 26,
                "hours_after": 10,
                "body": "Flott forslag! I Bergen var søndagsåpent bibliotek et av de mest populære tilbudene i hele byen.",
                "replies": [],
            },
            {
                "author": 18,
                "hours_after": 48,
                "body": "Solbjerg Bibliotek har faktisk allerede selvbetjening på hverdage fra kl. 7. Det burde ikke være svært at udvide det til søndag.",
                "replies": [
                    {
                        "author": 27,
                        "hours_after": 52,
                        "body": "Takk, det visste jeg ikke! Da burde det være en enkel sak å utvide.",
                    },
                ],
            },
        ],
    },
    # ---------------------------------------------------------------- schools
    {
        "title": "Åbne skolegårde i weekenden",
        "body": (
            "Skolegårdene ved Solbjerg Skole og Engholm Skole har nogle af byens bedste legepladser "
            "og multibaner. Men i weekenden er lågerne låst.\n\n"
            "Jeg foreslår, at skolegårdene **holdes åbne lørdag og søndag kl. 8-20**, så børn og "
            "familier kan bruge dem. Det er et billigt tilbud, fordi faciliteterne allerede findes.\n\n"
            "Skolerne er forståeligt nok bekymrede for hærværk, men erfaringer fra andre kommuner viser, "
            "at åbne skolegårde giver mere liv og færre problemer, fordi der er flere voksne til stede."
        ),
        "category": "schools",
        "author": 4,
        "days_ago": 160,
        "supporters": 20,
        "lang": "da",
        "comments": [
            {
                "author": 18,
                "hours_after": 3,
                "body": "Vi bor lige ved Engholm Skole, og børnene står tit og kigger ind på multibanen i weekenden. Det giver så god mening at åbne den.",
                "replies": [],
            },
            {
                "author": 10,
                "hours_after": 24,
                "body": "Jeg sidder i skolebestyrelsen. Vi har talt om det, og bekymringen er mest knust glas og affald om mandagen. Hvem skal rydde op?",
                "replies": [
                    {
                        "author": 4,
                        "hours_after": 30,
                        "body": "Tak for svaret, Pernille. Måske kunne pedellen gå en kort runde søndag aften, eller man kunne lave en aftale med en lokal forening, der får et lille tilskud for at holde øje?",
                    },
                    {
                        "author": 10,
                        "hours_after": 36,
                        "body": "Det kunne vi godt prøve som et forsøg i et halvt år. Jeg tager det med på næste bestyrelsesmøde.",
                    },
                ],
            },
            {
                "author": 15,
                "hours_after": 120,
                "body": "Fint forslag. Men husk, at toiletterne så også skal være åbne – ellers bliver det en anden slags problem.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Overdækket cykelparkering ved Solbjerg Skole",
        "body": (
            "Ved Solbjerg Skole står over 300 cykler i det fri hver dag. Når det regner, sidder "
            "eleverne på våde sadler, og mange cykler ruster hurtigt.\n\n"
            "Et **cykelskur med tag og stativer**, hvor man kan låse rammen fast, vil gøre det mere "
            "attraktivt at cykle i skole – og forhåbentlig mindske antallet af forældre, der kører "
            "deres børn."
        ),
        "category": "schools",
        "author": 13,
        "days_ago": 40,
        "supporters": 10,
        "lang": "da",
        "comments": [
            {
                "author": 0,
                "hours_after": 12,
                "body": "Det hænger fint sammen med en sikker skolevej. Flere cyklister og færre biler foran skolen om morgenen!",
                "replies": [],
            },
            {
                "author": 22,
                "hours_after": 50,
                "body": "Kunne man sætte solceller på taget af cykelskuret? Så slår man to fluer med ét smæk.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Skolehaver på alle skoler i kommunen",
        "body": (
            "Børn, der selv har sået en gulerod, spiser den også. I en **skolehave** lærer eleverne "
            "om natur, mad og årstider på en helt praktisk måde.\n\n"
            "Jeg foreslår, at alle skoler i Solbjerg Kommune får et stykke jord til skolehave, gerne i "
            "samarbejde med lokale haveforeninger og pensionister, der kan hjælpe i sommerferien.\n\n"
            "Haver til Maver har mange års erfaring og tilbyder forløb for skoler: "
            "[Haver til Maver](https://havertilmaver.dk)."
        ),
        "category": "schools",
        "author": 18,
        "days_ago": 100,
        "supporters": 13,
        "lang": "da",
        "comments": [
            {
                "author": 16,
                "hours_after": 14,
                "body": "Jeg er med i Solbjerg Haveforening og vil gerne hjælpe med vanding i sommerferien. Det er dér, det ofte går galt.",
                "replies": [
                    {
                        "author": 18,
                        "hours_after": 18,
                        "body": "Tusind tak, Karen Margrethe! Det er netop sommerferien, der er udfordringen.",
                    },
                ],
            },
            {
                "author": 11,
                "hours_after": 60,
                "body": "Burde det ikke bare være en del af naturfagsundervisningen i forvejen? Lærerne har travlt nok.",
                "replies": [
                    {
                        "author": 20,
                        "hours_after": 70,
                        "body": "Som lærer kan jeg sige, at skolehaven faktisk gør undervisningen lettere. Man kan lave både matematik, biologi og dansk i haven.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Skolemad lavet i skolens eget køkken",
        "body": (
            "Mange elever får en kold madpakke hver dag eller køber en toast i kantinen. Det er ikke "
            "alle børn, der får et ordentligt måltid midt på dagen.\n\n"
            "Jeg foreslår et forsøg på én skole, hvor eleverne i udskolingen er med til at lave mad i "
            "skolekøkkenet sammen med en kok. Maden kunne koste et fast, lavt beløb, og børn fra "
            "familier med lav indkomst kunne få den gratis.\n\n"
            "**Det handler om sundhed, fællesskab og læring på én gang.**"
        ),
        "category": "schools",
        "author": 10,
        "days_ago": 65,
        "supporters": 8,
        "lang": "da",
        "comments": [
            {
                "author": 5,
                "hours_after": 20,
                "body": "Lyder godt, men hvem skal betale? Jeg tror ikke, kommunens budget kan bære det.",
                "replies": [
                    {
                        "author": 10,
                        "hours_after": 28,
                        "body": "Et forsøg på én skole behøver ikke koste meget. Forældrebetaling kan dække det meste af råvarerne, og køkkenet bruges i forvejen til madkundskab.",
                    },
                ],
            },
            {
                "author": 2,
                "hours_after": 52,
                "body": "Min nevø går på en skole i Aarhus, hvor de gør præcis sådan. Eleverne er så stolte, når de serverer for de mindste.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Meer groen op het schoolplein van Engholm Skole",
        "body": (
            "Het schoolplein van Engholm Skole is bijna helemaal van asfalt. In de zomer wordt het er "
            "erg warm, en als het hard regent, blijft het water staan.\n\n"
            "In Nederland zijn er veel **groene schoolpleinen** met bomen, struiken, moestuintjes en "
            "plekken om te klimmen. Kinderen spelen er meer en beter, en het regenwater kan gewoon in "
            "de grond zakken.\n\n"
            "Ik stel voor om een deel van het asfalt weg te halen en samen met ouders en leerlingen "
            "een groen plein te ontwerpen."
        ),
        "category": "schools",
        "author": 28,
        "days_ago": 25,
        "supporters": 3,
        "lang": "nl",
        "comments": [
            {
                "author": 29,
                "hours_after": 30,
                "body": "Heel goed plan, Pieter. Ik wil graag meehelpen met het ontwerp.",
                "replies": [],
            },
            {
                "author": 10,
                "hours_after": 80,
                "body": "Spændende idé. I skolebestyrelsen har vi talt om at gøre noget ved skolegården, så det kunne passe fint ind.",
                "replies": [],
            },
        ],
    },
    # ----------------------------------------------------------- elderly-care
    {
        "title": "Udendørs motionsredskaber og seniortræning i Byparken",
        "body": (
            "Mange ældre vil gerne holde sig i form, men har ikke lyst til et fitnesscenter. Jeg "
            "foreslår et **udendørs træningsområde i Byparken** med redskaber, der passer til "
            "seniorer: balancebomme, ribber, trappetrin og cykelpedaler.\n\n"
            "Kommunens træningscenter kunne tilbyde gratis fællestræning med en fysioterapeut to "
            "gange om ugen, for eksempel tirsdag og fredag kl. 10.\n\n"
            "Det er godt for balancen, forebygger fald og er en hyggelig måde at mødes på."
        ),
        "category": "elderly-care",
        "author": 23,
        "days_ago": 130,
        "supporters": 18,
        "lang": "da",
        "comments": [
            {
                "author": 16,
                "hours_after": 6,
                "body": "Det ville jeg helt sikkert bruge! Og det er meget rarere at træne i frisk luft.",
                "replies": [],
            },
            {
                "author": 12,
                "hours_after": 30,
                "body": "Kunne redskaberne placeres tæt på legepladsen? Så kan bedsteforældre træne, mens børnebørnene leger.",
                "replies": [
                    {
                        "author": 23,
                        "hours_after": 40,
                        "body": "Det er en god idé, Birgitte. Så bliver det et sted for alle aldre.",
                    },
                ],
            },
            {
                "author": 7,
                "hours_after": 100,
                "body": "Husk, at der også skal være skygge og et par bænke – og gerne et toilet i nærheden.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Besøgsvenner: unge og ældre mødes over en kop kaffe",
        "body": (
            "Rigtig mange ældre i kommunen føler sig ensomme, især dem, der bor alene. Samtidig er der "
            "mange unge, der gerne vil gøre en forskel.\n\n"
            "Jeg foreslår et **besøgsvenneprogram**, hvor gymnasieelever og studerende bliver matchet "
            "med en ældre borger og kommer på besøg en gang om ugen. De kan gå en tur, spille kort "
            "eller hjælpe med mobilen.\n\n"
            "Programmet kunne laves i samarbejde med den lokale afdeling af Ældre Sagen og Solbjerg "
            "Gymnasium. Læs mere om besøgsvenner hos [Ældre Sagen](https://www.aeldresagen.dk)."
        ),
        "category": "elderly-care",
        "author": 2,
        "days_ago": 85,
        "supporters": 11,
        "lang": "da",
        "comments": [
            {
                "author": 24,
                "hours_after": 10,
                "body": "Jeg går på gymnasiet og vil gerne være med! Kan det tælle som frivilligt arbejde på mit CV?",
                "replies": [
                    {
                        "author": 2,
                        "hours_after": 14,
                        "body": "Helt sikkert, Sofie. Du kan sikkert også få en udtalelse fra foreningen bagefter.",
                    },
                ],
            },
            {
                "author": 25,
                "hours_after": 75,
                "body": "Min mor på 92 ville blive glad for besøg. Hun har ikke mange tilbage at snakke med.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Offentligt toilet i Solbjerg bymidte",
        "body": (
            "Der er ikke et eneste offentligt toilet i Solbjerg bymidte. Det er et problem for mange "
            "ældre, for gravide og for børnefamilier, og det får nogle til at lade være med at handle "
            "i byen.\n\n"
            "Et handicapvenligt toilet ved Torvet eller busstationen ville gøre en stor forskel. Det "
            "kunne være en selvrensende model som dem, man ser i de større byer."
        ),
        "category": "elderly-care",
        "author": 25,
        "days_ago": 55,
        "supporters": 16,
        "lang": "da",
        "comments": [
            {
                "author": 6,
                "hours_after": 9,
                "body": "Tak, fordi du tager det op, Ole. Min mand har prostataproblemer, og vi er holdt op med at tage til torvedagene af den grund.",
                "replies": [],
            },
            {
                "author": 15,
                "hours_after": 33,
                "body": "Alternativt kunne butikkerne lave en aftale om 'venlige toiletter', hvor alle må låne toilettet uden at købe noget. Det koster ikke kommunen noget.",
                "replies": [
                    {
                        "author": 25,
                        "hours_after": 40,
                        "body": "Det er en god ekstra løsning, men jeg tror stadig, vi har brug for ét toilet, der er åbent om aftenen og i weekenden.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Fællesspisning på plejecentret for ældre, der bor i eget hjem",
        "body": (
            "Engholm Plejecenter laver god mad hver dag. Hvorfor ikke invitere ældre, der bor i eget "
            "hjem, til at spise med et par gange om ugen?\n\n"
            "Det giver selskab, et sundt måltid og en god anledning til at komme ud af huset. "
            "Beboerne på plejecentret får samtidig besøg og nye ansigter at snakke med.\n\n"
            "Prisen kunne svare til det, man i dag betaler for madudbringning."
        ),
        "category": "elderly-care",
        "author": 6,
        "days_ago": 145,
        "supporters": 9,
        "lang": "da",
        "comments": [
            {
                "author": 3,
                "hours_after": 48,
                "body": "Det gør de på plejecentret i min mors by, og det er blevet et rigtigt samlingspunkt.",
                "replies": [],
            },
            {
                "author": 21,
                "hours_after": 150,
                "body": "Kan plejecentret overhovedet klare flere gæster med det personale, de har i dag? Jeg hører, at de har svært nok ved at nå det hele.",
                "replies": [
                    {
                        "author": 6,
                        "hours_after": 160,
                        "body": "Det er en vigtig pointe, Henrik. Måske kan frivillige hjælpe med at dække bord og rydde op, så personalet ikke får mere at lave.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Gratis digital hjelp for eldre på biblioteket",
        "body": (
            "Mange eldre sliter med MitID, nettbank og digital post. De er avhengige av barn og "
            "barnebarn for å klare hverdagen, og det føles ikke godt.\n\n"
            "Jeg foreslår en **fast «digital kafé»** på biblioteket hver onsdag, der frivillige hjelper "
            "med telefon, nettbrett og PC. Det finnes ingen dumme spørsmål.\n\n"
            "Tilbudet bør også annonseres i lokalavisen, siden mange i målgruppen ikke ser det på nett."
        ),
        "category": "elderly-care",
        "author": 26,
        "days_ago": 20,
        "supporters": 5,
        "lang": "nb",
        "comments": [
            {
                "author": 27,
                "hours_after": 15,
                "body": "Supert forslag! Min far på 84 ville hatt stor nytte av dette.",
                "replies": [],
            },
            {
                "author": 11,
                "hours_after": 40,
                "body": "Jeg arbejder med IT og vil gerne være frivillig et par onsdage om måneden.",
                "replies": [
                    {
                        "author": 26,
                        "hours_after": 46,
                        "body": "Tusen takk, Kasper! Det er akkurat slike frivillige vi trenger.",
                    },
                ],
            },
        ],
    },
    # --------------------------------------------------------------- business
    {
        "title": "Gratis parkering den første time i bymidten",
        "body": (
            "Butikkerne i Solbjerg bymidte har det svært. Flere lokaler på Algade står tomme, og mange "
            "kører i stedet til det store indkøbscenter ved motorvejen, hvor parkeringen er gratis.\n\n"
            "Jeg foreslår **gratis parkering den første time** på alle kommunale pladser i bymidten, "
            "med P-skive. Så bliver det lettere lige at smutte ind og handle lokalt.\n\n"
            "Lokale butikker giver liv, arbejdspladser og steder at mødes. Dem skal vi passe på."
        ),
        "category": "business",
        "author": 15,
        "days_ago": 115,
        "supporters": 14,
        "lang": "da",
        "comments": [
            {
                "author": 19,
                "hours_after": 5,
                "body": "Ja! Det er absurd, at det koster penge at parkere ved bageren, men ikke ved storcentret.",
                "replies": [],
            },
            {
                "author": 7,
                "hours_after": 24,
                "body": "Jeg er ikke sikker på, at det er den rigtige vej. Mere biltrafik gør ikke bymidten mere hyggelig. Hvad med bedre cykelparkering og grønne opholdsområder i stedet?",
                "replies": [
                    {
                        "author": 15,
                        "hours_after": 30,
                        "body": "Jeg forstår synspunktet, Mikkel, men mange kunder kommer fra landsbyerne, hvor bussen kører sjældent. For dem er bilen nødvendig.",
                    },
                    {
                        "author": 7,
                        "hours_after": 38,
                        "body": "Fair nok. Måske kan vi blive enige om, at der er brug for begge dele?",
                    },
                ],
            },
            {
                "author": 24,
                "hours_after": 90,
                "body": "Handelsstandsforeningen har vist lavet en undersøgelse af, hvor kunderne kommer fra. Det ville være interessant at se tallene.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Lokalt marked på Torvet hver lørdag",
        "body": (
            "Der er mange dygtige producenter omkring Solbjerg: gårdbutikker, biavlere, et "
            "mikrobryggeri og et lille ostemejeri i Højby.\n\n"
            "Et fast **lørdagsmarked på Torvet** fra april til oktober ville give dem et sted at sælge "
            "deres varer og samtidig trække folk til bymidten – til glæde for de andre butikker og "
            "caféerne.\n\n"
            "Kommunen kunne hjælpe ved at stille strøm og boder til rådighed og holde "
            "standpladsgebyret lavt det første år."
        ),
        "category": "business",
        "author": 24,
        "days_ago": 70,
        "supporters": 12,
        "lang": "da",
        "comments": [
            {
                "author": 25,
                "hours_after": 8,
                "body": "Jeg sælger kartofler og æg fra gården og vil gerne have en bod. I dag sælger jeg kun fra en vejbod.",
                "replies": [],
            },
            {
                "author": 14,
                "hours_after": 30,
                "body": "Det er sådan noget, der får en by til at føles levende. Kunne der også være musik engang imellem?",
                "replies": [
                    {
                        "author": 24,
                        "hours_after": 36,
                        "body": "Helt sikkert! Måske kunne musikskolens elever spille.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Pop op-butikker i de tomme lokaler på Algade",
        "body": (
            "Der står mindst fem tomme butikslokaler på Algade. De tomme vinduer gør gaden trist og "
            "får den til at virke død.\n\n"
            "Jeg foreslår, at kommunen laver en aftale med udlejerne om **midlertidig, billig "
            "udlejning** til iværksættere, kunstnere og foreninger i 1-3 måneder ad gangen. Så kan nye "
            "idéer blive afprøvet uden stor risiko.\n\n"
            "Kommunens erhvervskonsulent kunne formidle kontakten."
        ),
        "category": "business",
        "author": 19,
        "days_ago": 35,
        "supporters": 7,
        "lang": "da",
        "comments": [
            {
                "author": 22,
                "hours_after": 16,
                "body": "Jeg laver keramik og ville elske at prøve at have en butik i en måned op til jul.",
                "replies": [],
            },
            {
                "author": 13,
                "hours_after": 80,
                "body": "Udlejerne vil nok helst have faste lejere. Hvad skulle motivere dem?",
                "replies": [
                    {
                        "author": 19,
                        "hours_after": 90,
                        "body": "Et tomt lokale giver ingen husleje. Et par måneders leje – og at lokalet bliver vist frem for mulige faste lejere – er bedre end ingenting.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Fælles gavekort til butikkerne i Solbjerg",
        "body": (
            "Mange virksomheder og foreninger giver gavekort til medarbejdere og frivillige. I dag "
            "ender pengene ofte hos de store kæder eller på nettet.\n\n"
            "Et **fælles Solbjerg-gavekort**, der kan bruges i alle deltagende butikker, caféer og hos "
            "frisørerne, ville holde pengene i lokalsamfundet. Kommunen kunne gå foran og bruge det "
            "til sine egne medarbejdergaver."
        ),
        "category": "business",
        "author": 1,
        "days_ago": 155,
        "supporters": 6,
        "lang": "da",
        "comments": [
            {
                "author": 2,
                "hours_after": 50,
                "body": "Kommunen bruger mange penge på julegaver. Det ville være en fin måde at støtte byen på.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Een coworking-ruimte in het oude stationsgebouw",
        "body": (
            "Steeds meer mensen werken een paar dagen per week thuis. Maar thuis werken is vaak "
            "eenzaam, en niet iedereen heeft een goede werkplek.\n\n"
            "Het oude stationsgebouw in Solbjerg staat grotendeels leeg. Ik stel voor om er een "
            "**coworking-ruimte** van te maken met flexplekken, snel internet en een koffiehoek.\n\n"
            "Zo blijven forenzen en zzp'ers vaker in Solbjerg, en daar profiteren ook de lokale cafés "
            "en winkels van."
        ),
        "category": "business",
        "author": 29,
        "days_ago": 8,
        "supporters": 0,
        "lang": "nl",
        "comments": [
            {
                "author": 11,
                "hours_after": 20,
                "body": "Jeg arbejder hjemme tre dage om ugen og ville helt sikkert leje en plads. God idé!",
                "replies": [],
            },
        ],
    },
    # ---------------------------------------------------------------- climate
    {
        "title": "Solceller på alle egnede kommunale tage",
        "body": (
            "Solbjerg Kommune ejer mange bygninger med store, flade tage: skoler, idrætshaller, "
            "plejecentre og rådhuset. Kun få af dem har solceller.\n\n"
            "Jeg foreslår en plan for at sætte **solceller på alle egnede kommunale tage** inden for "
            "fem år. Det vil:\n\n"
            "- sænke kommunens elregning\n"
            "- reducere CO2-udledningen\n"
            "- vise borgerne, at kommunen tager klimaet alvorligt\n\n"
            "Energistyrelsen har vejledning om solceller på offentlige bygninger: "
            "[Energistyrelsen](https://ens.dk)."
        ),
        "category": "climate",
        "author": 5,
        "days_ago": 180,
        "supporters": 26,
        "lang": "da",
        "comments": [
            {
                "author": 21,
                "hours_after": 7,
                "body": "Endelig et forslag, der er godt for både klimaet og økonomien. Tilbagebetalingstiden er vist under ti år i dag.",
                "replies": [],
            },
            {
                "author": 13,
                "hours_after": 20,
                "body": "Der er regler for, hvor meget strøm kommunerne må producere og sælge. Har du undersøgt det?",
                "replies": [
                    {
                        "author": 5,
                        "hours_after": 28,
                        "body": "Ja. Strømmen skal primært bruges i kommunens egne bygninger, og salg af overskud kræver, at det organiseres rigtigt. Men skoler og haller bruger meget strøm i dagtimerne, så det passer fint.",
                    },
                ],
            },
            {
                "author": 0,
                "hours_after": 60,
                "body": "Kunne eleverne følge med i, hvor meget strøm skolens anlæg producerer? Det ville være god undervisning.",
                "replies": [
                    {
                        "author": 5,
                        "hours_after": 66,
                        "body": "Fin idé, Mette. Mange anlæg har en skærm eller en app, hvor man kan følge produktionen live.",
                    },
                ],
            },
            {
                "author": 17,
                "hours_after": 240,
                "body": "Husk at tjekke, om tagene kan bære vægten. Nogle af de gamle haltage er i dårlig stand.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Delebiler i Solbjerg og Højby",
        "body": (
            "Mange familier har to biler, selvom den ene næsten kun står stille. En "
            "**delebilsordning** med et par elbiler ved stationen og i Højby kunne gøre det muligt at "
            "klare sig med én bil – eller slet ingen.\n\n"
            "Kommunen kunne bidrage ved at reservere parkeringspladser med ladestander til "
            "delebilerne og selv bruge bilerne i dagtimerne, for eksempel i forvaltningen. Så kan "
            "borgerne bruge dem om aftenen og i weekenden."
        ),
        "category": "climate",
        "author": 21,
        "days_ago": 90,
        "supporters": 10,
        "lang": "da",
        "comments": [
            {
                "author": 22,
                "hours_after": 12,
                "body": "Vi ville gerne af med bil nummer to, så det ville passe os perfekt.",
                "replies": [],
            },
            {
                "author": 23,
                "hours_after": 50,
                "body": "Det lyder fint inde i byen, men herude på landet er man nødt til at have bil. Jeg kan ikke se det fungere i Højby.",
                "replies": [
                    {
                        "author": 21,
                        "hours_after": 60,
                        "body": "Du har ret i, at mange stadig har brug for egen bil, Bent. Men for en familie med to biler kan det måske betyde, at den ene kan undværes.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Flere offentlige ladestandere til elbiler",
        "body": (
            "Antallet af elbiler i kommunen stiger hurtigt, men der er kun seks offentlige "
            "ladepunkter i hele Solbjerg. Dem, der bor i lejlighed, kan ikke lade hjemme.\n\n"
            "Jeg foreslår, at kommunen stiller pladser til rådighed for ladestandere ved:\n\n"
            "- Solbjerg Station\n"
            "- idrætscentret\n"
            "- biblioteket\n"
            "- Højby Brugs\n\n"
            "Operatørerne betaler typisk selv for opsætningen – kommunen skal bare stille arealet "
            "til rådighed."
        ),
        "category": "climate",
        "author": 11,
        "days_ago": 105,
        "supporters": 8,
        "lang": "da",
        "comments": [
            {
                "author": 28,
                "hours_after": 24,
                "body": "I Holland er der ladestandere i næsten hver gade. Det har gjort elbilen til en mulighed for alle, også dem uden indkørsel.",
                "replies": [],
            },
            {
                "author": 5,
                "hours_after": 70,
                "body": "Husk, at pladserne skal håndhæves – ellers bliver de bare brugt til almindelig parkering.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Genbrugshjørne på genbrugspladsen",
        "body": (
            "Hver dag bliver brugbare møbler, cykler, legetøj og værktøj smidt i containerne på "
            "genbrugspladsen.\n\n"
            "Jeg foreslår et **genbrugshjørne**, hvor man kan stille ting, der stadig virker, og hvor "
            "andre gratis kan tage dem med hjem. Det findes allerede på mange genbrugspladser rundt "
            "om i landet og er meget populært."
        ),
        "category": "climate",
        "author": 14,
        "days_ago": 12,
        "supporters": 5,
        "lang": "da",
        "comments": [
            {
                "author": 8,
                "hours_after": 6,
                "body": "Ja tak! Jeg har set så mange fine ting ryge i containeren.",
                "replies": [],
            },
            {
                "author": 17,
                "hours_after": 30,
                "body": "Genbrugspladsen drives vist af det fælles affaldsselskab og ikke af kommunen selv. Så forslaget skal nok også sendes til dem.",
                "replies": [
                    {
                        "author": 14,
                        "hours_after": 34,
                        "body": "Godt at vide, tak. Jeg sender det også til affaldsselskabet.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Sluk eller dæmp gadelyset på villavejene mellem kl. 1 og 5",
        "body": (
            "Gadelyset på villavejene brænder hele natten, selvom der næsten ikke færdes nogen. Det "
            "koster strøm, og lysforureningen forstyrrer både flagermus, insekter og folks nattesøvn.\n\n"
            "Jeg foreslår, at man **slukker eller dæmper gadelyset på villaveje mellem kl. 1 og 5**. "
            "Større veje, stier til stationen og fodgængerfelter skal selvfølgelig fortsat være oplyst."
        ),
        "category": "climate",
        "author": 13,
        "days_ago": 3,
        "supporters": 0,
        "lang": "da",
        "comments": [
            {
                "author": 6,
                "hours_after": 10,
                "body": "Jeg er ikke begejstret. Jeg går på arbejde kl. 4.30 og har ikke lyst til at gå i bælgmørke.",
                "replies": [
                    {
                        "author": 13,
                        "hours_after": 14,
                        "body": "Det forstår jeg godt, Hanne. Dæmpning i stedet for helt at slukke kunne være et kompromis – eller lys med bevægelsessensor.",
                    },
                ],
            },
            {
                "author": 22,
                "hours_after": 40,
                "body": "Dæmpning lyder som en god løsning. Det gavner også stjernehimlen – man kan næsten ikke se Mælkevejen længere.",
                "replies": [],
            },
        ],
    },
    # ------------------------------------------------------------------ sport
    {
        "title": "Vinterbadebro ved Skovlunde Sø",
        "body": (
            "Vinterbadning er blevet enormt populært, og hver morgen vader en flok friske folk ud fra "
            "stranden ved Skovlunde Sø. Men bunden er mudret, og om vinteren er det svært at komme "
            "sikkert ud og ind.\n\n"
            "En **badebro med trappe og gelænder** ville gøre det både sikrere og mere tilgængeligt. "
            "Den kan bruges af vinterbadere om vinteren og af alle andre om sommeren.\n\n"
            "Solbjerg Vinterbadeklub har over 120 medlemmer og vil gerne holde broen ren og tage sig "
            "af den daglige drift. På sigt drømmer vi også om en lille sauna."
        ),
        "category": "sport",
        "author": 6,
        "days_ago": 125,
        "supporters": 22,
        "lang": "da",
        "comments": [
            {
                "author": 18,
                "hours_after": 2,
                "body": "Ja, ja, ja! Jeg bader hver morgen, og det er en kamp at komme ind over de glatte sten.",
                "replies": [],
            },
            {
                "author": 1,
                "hours_after": 20,
                "body": "Hvad med fuglelivet og rørskoven ved søen? Der yngler vist både lappedykkere og rørhøge i den sydlige ende.",
                "replies": [
                    {
                        "author": 6,
                        "hours_after": 26,
                        "body": "Godt, du spørger, Lars. Broen skal selvfølgelig ligge ved den eksisterende badestrand og ikke i rørskoven. Vi vil gerne have kommunens naturmedarbejdere med til at finde placeringen.",
                    },
                ],
            },
            {
                "author": 26,
                "hours_after": 60,
                "body": "I Norge har nesten hver by en badebrygge. Jeg støtter forslaget fullt ut!",
                "replies": [],
            },
            {
                "author": 19,
                "hours_after": 100,
                "body": "En sauna ville være fantastisk – gerne med mulighed for at booke den til grupper.",
                "replies": [
                    {
                        "author": 6,
                        "hours_after": 108,
                        "body": "Det er også drømmen! Men vi starter med broen.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Gratis tennisbaner for alle i sommerferien",
        "body": (
            "Tennisbanerne ved Solbjerg Idrætscenter står ofte tomme midt på dagen i sommerferien. "
            "Samtidig er der mange børn og unge, der aldrig har prøvet at spille.\n\n"
            "Forslag: Gør banerne **gratis for alle i skolernes sommerferie** i dagtimerne, og lån "
            "ketsjere og bolde ud fra hallens cafeteria. Tennisklubben kunne holde et par gratis "
            "introduktionsdage."
        ),
        "category": "sport",
        "author": 17,
        "days_ago": 80,
        "supporters": 9,
        "lang": "da",
        "comments": [
            {
                "author": 0,
                "hours_after": 20,
                "body": "Mine børn ville elske det. Et medlemskab af klubben er lidt dyrt, hvis man bare vil prøve.",
                "replies": [],
            },
            {
                "author": 9,
                "hours_after": 60,
                "body": "Det er vel tennisklubben, der betaler for vedligeholdelsen af banerne? Så skal de også være med til at beslutte det.",
                "replies": [
                    {
                        "author": 17,
                        "hours_after": 70,
                        "body": "Helt enig, det skal laves sammen med klubben. Formanden har faktisk sagt, at de gerne vil have flere nye medlemmer, så det kan også være en fordel for dem.",
                    },
                ],
            },
        ],
    },
    {
        "title": "Belyst løberute rundt om Skovlunde Sø",
        "body": (
            "Fra november til februar er det mørkt både før og efter arbejde. Mange løbere må løbe på "
            "vejene, fordi stien rundt om søen er helt mørk.\n\n"
            "En **belyst løberute** på 5 km – gerne med lys, der dæmpes eller slukkes efter kl. 22 – "
            "ville gøre det muligt at træne sikkert hele året."
        ),
        "category": "sport",
        "author": 20,
        "days_ago": 10,
        "supporters": 4,
        "lang": "da",
        "comments": [
            {
                "author": 12,
                "hours_after": 15,
                "body": "Husk, at der er flagermus ved søen. Hvis der skal lys, skal det være varmt, svagt lys, der er rettet ned mod stien.",
                "replies": [
                    {
                        "author": 20,
                        "hours_after": 20,
                        "body": "Godt at vide! Det tager jeg med i forslaget.",
                    },
                ],
            },
            {
                "author": 3,
                "hours_after": 50,
                "body": "Lys på søstien kunne også komme cyklisterne til gode, hvis cykelstien til Højby bliver til noget.",
                "replies": [],
            },
        ],
    },
    {
        "title": "Skaterbane og parkourområde ved idrætscentret",
        "body": (
            "De unge i Solbjerg har ingen steder at skate. I dag bruger de trapperne ved rådhuset og "
            "parkeringspladsen ved supermarkedet, og det giver konflikter.\n\n"
            "Jeg foreslår en **skaterbane i beton** og et lille parkourområde på den ubrugte græsplæne "
            "ved Solbjerg Idrætscenter. Det ligger tæt på bussen og langt fra boliger.\n\n"
            "De unge skal inddrages i designet – så bliver banen også brugt."
        ),
        "category": "sport",
        "author": 7,
        "days_ago": 160,
        "supporters": 13,
        "lang": "da",
        "comments": [
            {
                "author": 19,
                "hours_after": 8,
                "body": "Tak! Jeg har skatet i ti år og må køre 40 minutter for at finde en ordentlig bane.",
                "replies": [],
            },
            {
                "author": 16,
                "hours_after": 30,
                "body": "Fint, at de unge får et sted, men hvad med larmen? Skateboards larmer ret meget.",
                "replies": [
                    {
                        "author": 7,
                        "hours_after": 36,
                        "body": "Ved idrætscentret er der over 200 meter til nærmeste bolig, så det burde ikke være et problem. Betonbaner larmer også mindre end ramper af træ.",
                    },
                ],
            },
            {
                "author": 14,
                "hours_after": 200,
                "body": "Jeg har to drenge på 12 og 14, og de ville bruge den hver dag. God idé!",
                "replies": [],
            },
        ],
    },
    {
        "title": "Udlejning af kajakker og SUP-boards ved Skovlunde Sø",
        "body": (
            "Om sommeren ville det være skønt at kunne leje en kajak eller et SUP-board ved søen i et "
            "par timer. I dag skal man selv have udstyret med.\n\n"
            "Måske kunne den lokale kajakklub eller en lille iværksætter stå for udlejningen fra en "
            "container ved badestranden, med redningsveste og en kort introduktion."
        ),
        "category": "sport",
        "author": 24,
        "days_ago": 1,
        "supporters": 0,
        "lang": "da",
        "comments": [
            {
                "author": 8,
                "hours_after": 5,
                "body": "Dejlig idé – og godt med redningsveste. Søen er dybere, end mange tror.",
                "replies": [],
            },
        ],
    },
]


# --- the municipality's side --------------------------------------------------------

DEPARTMENTS = [
    {
        "slug": "roads-parks",
        "name": {"en": "Roads and Parks", "da": "Veje og Parker", "nb": "Vei og park",
                 "nl": "Wegen en Groen"},
    },
    {
        "slug": "culture-leisure",
        "name": {"en": "Culture and Leisure", "da": "Kultur og Fritid", "nb": "Kultur og fritid",
                 "nl": "Cultuur en Vrije Tijd"},
    },
    {
        "slug": "children-schools",
        "name": {"en": "Children and Schools", "da": "Børn og Skole", "nb": "Barn og skole",
                 "nl": "Kinderen en Onderwijs"},
    },
    {
        "slug": "climate-environment",
        "name": {"en": "Climate and Environment", "da": "Klima og Miljø",
                 "nb": "Klima og miljø", "nl": "Klimaat en Milieu"},
    },
    {
        "slug": "health-care",
        "name": {"en": "Health and Care", "da": "Sundhed og Omsorg", "nb": "Helse og omsorg",
                 "nl": "Zorg en Welzijn"},
    },
]  # fmt: skip

# A second official, so the inbox shows hand-overs of another department.
EXTRA_OFFICIAL = ("kultur@example.org", "Karen Kulturkonsulent", "culture-leisure")

# Hand-overs by idea number (the index in IDEAS): department, days ago, memo,
# and the answer (days after the hand-over, text, status set with it) if any.
HAND_OVERS = {
    30: ("climate-environment", 120, "Borgerne foreslår solceller på alle egnede kommunale tage. "
         "Idéen har bred opbakning og passer med kommunens klimaplan.",
         (14, "Forvaltningen har gennemgået 41 kommunale bygninger. 23 tage egner sig til "
          "solceller. Sagen forelægges Byrådet med et budget.", "handed_over")),
    1: ("roads-parks", 110, "Ønske om en cykelsti mellem Solbjerg og Højby (6 km). "
        "Mange pendlere og skolebørn støtter.",
        (20, "En cykelsti koster ca. 18 mio. kr. Sagen forelægges Byrådet.", "handed_over")),
    0: ("roads-parks", 75, "Fodgængerfelt og 40 km/t på Højbyvej ved Engholm Skole. "
        "Forældre og skolebestyrelse bakker op.",
        (9, "Vi har målt trafikken: 3.100 biler i døgnet, heraf 20 % over 50 km/t. "
         "Forslaget sendes til Teknik- og Miljøudvalget.", "handed_over")),
    15: ("children-schools", 70, "Åbne skolegårde i weekenden, så børn og familier kan bruge "
         "legepladser og boldbaner.", (12, "Skolerne er positive. Udvalget tager stilling.",
                                       "handed_over")),
    7: ("roads-parks", 65, "Shelters og en bålhytte i Engholm Skov til spejdere, "
        "institutioner og familier.",
        (10, "Der er plads ved den nordlige indgang. Prisen undersøges.", "handed_over")),
    10: ("culture-leisure", 25, "Reparationscafé på biblioteket én gang om måneden med "
         "frivillige reparatører.", None),
    35: ("culture-leisure", 35, "Vinterbadebro ved Skovlunde Sø. Vinterbaderklubben har 140 "
         "medlemmer og tilbyder at stå for driften.",
         (16, "Broen kan stå ved badestranden. Udvalget beslutter på sit næste møde.",
          "handed_over")),
    5: ("roads-parks", 45, "Flere bænke langs stien rundt om Skovlunde Sø, især til ældre "
        "gæster, der har brug for pauser.", None),
    20: ("health-care", 10, "Udendørs motionsredskaber i Byparken og hold med seniortræning.",
         None),
    6: ("roads-parks", 5, "En indhegnet hundeskov i Solbjerg, hvor hunde kan løbe frit.", None),
    25: ("roads-parks", 60, "Gratis parkering den første time i bymidten for at styrke "
         "butikkerne.",
         (25, "Kommunen har allerede to timers gratis parkering på Torvet og ved Hallen. "
          "Vi udvider ikke ordningen, men skilter bedre.", "declined")),
    38: ("culture-leisure", 50, "Skaterbane og parkourområde ved idrætscentret.",
         (18, "Vi arbejder på en placering og søger fondsmidler. Vi vender tilbage i foråret.",
          "handed_over")),
}  # fmt: skip

UNDER_REVIEW = {2: "Vi undersøger, hvad politiet mener om forslaget.", 3: ""}
WITHDRAWN = {28: "Handelsstandsforeningen har selv lavet et gavekort nu."}

# Meetings: body, days from today (negative: held), place, description, and the
# agenda: (idea number, decision, public text) — no decision for coming meetings.
MEETINGS = [
    ("Byrådet", -60, "Rådhuset, byrådssalen", "Ordinært byrådsmøde.", [
        (30, "accepted", "Byrådet afsætter 9 mio. kr. til solceller på 23 kommunale tage."),
        (1, "declined", "Byrådet finder ikke plads i budgettet i år. Forslaget kan tages op "
                        "igen ved næste budget."),
    ]),
    ("Teknik- og Miljøudvalget", -21, "Rådhuset, mødelokale 2", "", [
        (0, "accepted", "Udvalget godkender fodgængerfelt og 40 km/t ved Engholm Skole."),
        (7, "postponed", "Udvalget ønsker et prisoverslag og udsætter sagen."),
        (15, "accepted", "Skolegårdene åbnes i weekenderne fra 1. april som forsøg i et år."),
    ]),
    ("Kultur- og Fritidsudvalget", 9, "Solbjerg Bibliotek, salen",
     "Udvalget behandler tre borgerforslag.", [(7, None, ""), (10, None, ""), (35, None, "")]),
]  # fmt: skip
IMPLEMENTED = {30: (20, "Solcellerne er sat op på de første 12 tage.")}
# The staff's public thank-you on an implemented idea.
THANKS = {
    30: (
        18,
        "De første 12 kommunale tage har nu solceller, og de sparer allerede strøm. "
        "**Tak** til forslagsstilleren og til alle, der støttede idéen.",
    )
}

# A duplicate a moderator merged into the idea it repeats.
DUPLICATE = {
    "author": 7,
    "category": "nature",
    "days_ago": 20,
    "into": 5,
    "title": "Bænke ved søen, tak",
    "body": "Når man går rundt om Skovlunde Sø, er der næsten ingen steder at sidde. "
    "Kan kommunen sætte nogle bænke op?",
}


# The ideas (by number) written in another language than Danish.
IDEA_LANGUAGES = {4: "nb", 9: "nl", 14: "nb", 19: "nl", 24: "nb", 29: "nl"}
