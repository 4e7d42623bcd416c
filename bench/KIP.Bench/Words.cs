namespace KIP.Bench;

/// <summary>Dutch-like word lists for the generator and the query mix.</summary>
internal static class Words
{
    public sealed record Category(string Code, string[] Trades, string[] Services);

    public sealed record Place(string Code, string Name, string[] Places);

    public static readonly Place[] Municipalities =
    [
        new("haarlem", "Haarlem", ["Haarlem", "Haarlem-Noord", "Schalkwijk", "Spaarndam"]),
        new("bloemendaal", "Bloemendaal", ["Bloemendaal", "Overveen", "Aerdenhout", "Bentveld", "Vogelenzang"]),
        new("heemstede", "Heemstede", ["Heemstede"]),
        new("zandvoort", "Zandvoort", ["Zandvoort", "Bentveld"]),
        new("velsen", "Velsen", ["IJmuiden", "Velsen-Zuid", "Velsen-Noord", "Santpoort-Noord", "Santpoort-Zuid", "Driehuis", "Velserbroek"]),
        new("beverwijk", "Beverwijk", ["Beverwijk", "Wijk aan Zee"]),
        new("heemskerk", "Heemskerk", ["Heemskerk"]),
    ];

    /// <summary>Every code of <see cref="KIP.Web.Data.Catalog.Categories"/>, with trades and services.</summary>
    public static readonly Category[] Categories =
    [
        new("catering", ["Cateringbedrijf", "Lunchroom", "Buurtkeuken", "Koffiebranderij", "Bakkerij", "Broodjeszaak", "Eetcafé"],
            ["lunches", "vergadercatering", "buffetten", "koffie voor kantoren", "taarten", "maaltijden", "evenementencatering", "lunchpakketten"]),
        new("schoonmaak", ["Schoonmaakbedrijf", "Glazenwassersbedrijf", "Schoonmaakdienst", "Wasserij"],
            ["kantoorschoonmaak", "glasbewassing", "gevelreiniging", "opleverschoonmaak", "schoonmaak van scholen", "linnenservice", "dieptereiniging"]),
        new("groenvoorziening", ["Hoveniersbedrijf", "Groenbedrijf", "Kwekerij", "Tuinonderhoud"],
            ["groenonderhoud", "snoeiwerk", "tuinontwerp", "geveltuinen", "groene schoolpleinen", "boomverzorging", "maaiwerk"]),
        new("bouw-en-onderhoud", ["Bouwbedrijf", "Schildersbedrijf", "Klusbedrijf", "Timmerbedrijf", "Installatiebedrijf"],
            ["schilderwerk", "kleine verbouwingen", "woningonderhoud", "timmerwerk", "installatiewerk", "renovatie", "tegelwerk"]),
        new("drukwerk-en-promotie", ["Drukkerij", "Reclamebureau", "Zeefdrukkerij"],
            ["drukwerk", "mailings", "promotieartikelen", "visitekaartjes", "jaarverslagen", "verpakkingen", "belettering"]),
        new("ict", ["ICT-bedrijf", "Webbureau", "Softwarebedrijf", "Computerwerkplaats"],
            ["softwaretesten", "websites", "refurbished laptops", "werkplekbeheer", "datakwaliteit", "helpdesk", "digitale toegankelijkheid"]),
        new("facilitair", ["Facilitair bedrijf", "Beveiligingsbedrijf", "Postkamerdienst"],
            ["receptiediensten", "postkamer", "beveiliging", "facilitair beheer", "toegangscontrole", "conciërgediensten"]),
        new("re-integratie-en-opleiding", ["Re-integratiebureau", "Leerwerkbedrijf", "Opleidingscentrum", "Taalschool"],
            ["re-integratietrajecten", "jobcoaching", "taal op de werkvloer", "leerwerktrajecten", "trainingen", "loopbaanadvies"]),
        new("vervoer-en-logistiek", ["Koeriersdienst", "Verhuisbedrijf", "Fietsenmakerij", "Vervoersbedrijf", "Fietskoeriers"],
            ["pakketbezorging", "verhuizingen", "fietsreparatie", "leerlingenvervoer", "stadsdistributie", "opslag", "bakfietsbezorging"]),
        new("advies", ["Adviesbureau", "Coachingspraktijk", "Onderzoeksbureau"],
            ["advies over inclusief werven", "SROI-plannen", "trainingen voor leidinggevenden", "budgetcoaching", "energieadvies", "onderzoek"]),
        new("creatief", ["Ontwerpstudio", "Naaiatelier", "Meubelmakerij", "Fotostudio", "Theaterwerkplaats"],
            ["grafisch ontwerp", "bedrijfskleding", "meubels op maat", "fotografie", "bedrijfstheater", "illustraties", "relatiegeschenken"]),
        new("zorg-en-welzijn", ["Zorgboerderij", "Thuiszorg", "Dagbesteding", "Welzijnsorganisatie"],
            ["dagbesteding", "huishoudelijke hulp", "persoonlijke verzorging", "boodschappendienst", "streekproducten", "kerstpakketten"]),
        new("overig", ["Kringloopwinkel", "Energiecoöperatie", "Buurtwerkplaats", "Imkerij"],
            ["tweedehands meubels", "ontruimingen", "zonnepanelen", "reparaties", "honing", "kantoorinrichting"]),
    ];

    public static readonly string[] LegalForms = ["bv", "bv", "bv", "stichting", "stichting", "eenmanszaak", "vof", "vereniging", "cooperatie"];

    public static readonly string[] Adjectives =
    [
        "Groen", "Sociaal", "Eerlijk", "Samen", "Sterk", "Duurzaam", "Helder", "Fris", "Warm", "Slim", "Kleurrijk", "Vrij", "Nieuw", "Oud", "Echt",
    ];

    public static readonly string[] Nature =
    [
        "Duin", "Zee", "Spaarne", "Kennemer", "Linde", "Eik", "Meeuw", "Zeemeeuw", "Kievit", "Reiger", "Strand", "Polder", "Molen", "Haven", "Brug",
        "Vuurtoren", "Helmgras", "Binnenduin", "Kruidtuin", "Zonnebloem",
    ];

    public static readonly string[] Surnames =
    [
        "de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
        "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Vermeulen", "Kaya",
        "El Amrani", "Yilmaz", "Benali", "Hassan", "Koster", "Kuipers", "Post", "Schouten", "Willems", "Claassen", "Verhoeven", "Groen", "Kramer",
    ];

    public static readonly string[] FirstNames =
    [
        "Sanne", "Mehmet", "Pieter", "Ingrid", "Robert", "Bas", "Noor", "Karin", "Daan", "Femke", "Wim", "Anouk", "Gerard", "Lisa", "Youssef",
        "Hans", "Erik", "Yasmin", "Thomas", "Marloes", "Rick", "Kees", "Sophie", "Peter", "Jesse", "Iris", "Fatima", "Joost", "Lotte", "Ahmed",
    ];

    public static readonly string[] Streets =
    [
        "Kleverparkweg", "Kennemerlaan", "Zeeweg", "Baanstee", "Lange Nieuwstraat", "Spaarne", "Kerkstraat", "Industrieweg", "Zijlweg", "Botermarkt",
        "Cruquiusweg", "Duinlustweg", "Bloemendaalseweg", "Haltestraat", "Rijksstraatweg", "Parallelweg", "Rijksweg", "Amsterdamstraat", "Oudeweg",
        "Breestraat", "Binnenweg", "Havenkade", "Marktplein", "Schoterweg", "Kruisweg", "Wijkerstraatweg", "Waarderweg", "Oostvest",
    ];

    public static readonly string[] Workforce =
    [
        "met een vaste ploeg van mensen met een afstand tot de arbeidsmarkt",
        "waar jongeren zonder startkwalificatie het vak leren",
        "met leerwerkplekken voor statushouders en nieuwkomers",
        "waar mensen met een arbeidsbeperking betaald werk doen",
        "met werkervaringsplaatsen voor mensen die lang zonder werk waren",
        "waar deelnemers uit de bijstand worden opgeleid",
        "met dagbesteding voor mensen met een verstandelijke beperking",
        "met medewerkers uit het doelgroepenregister",
        "waar neurodivergente collega's hun talent inzetten",
        "dat samenwerkt met het praktijkonderwijs in de regio",
    ];

    public static readonly string[] Sentences =
    [
        "We werken voor gemeenten, scholen en bedrijven in de IJmond en Zuid-Kennemerland.",
        "Kwaliteit en begeleiding op de werkvloer gaan bij ons samen.",
        "Onze opdrachtgevers zijn kantoren, zorginstellingen en sportverenigingen.",
        "Wij gebruiken waar het kan gerecyclede en lokale materialen.",
        "Iedere opdracht levert een leerwerkplek op.",
        "Samen met werkgevers begeleiden we deelnemers naar een vaste baan.",
        "We rijden elektrisch en werken zo veel mogelijk circulair.",
        "Een betrouwbare partner voor SROI-verplichtingen in aanbestedingen.",
        "Ons team bestaat uit vakmensen en leerlingen die elkaar helpen.",
        "Klanten waarderen onze flexibiliteit en persoonlijke aanpak.",
    ];

    /// <summary>Words that occur in about 2% of descriptions (one in seven of those each): the rare whole words of the query mix.</summary>
    public static readonly string[] Rare =
    [
        "keramiekwerkplaats", "orgelrestauratie", "zeefdrukatelier", "bijenhotels", "glasblazerij", "hoefsmederij", "klokkengieterij",
    ];
}
