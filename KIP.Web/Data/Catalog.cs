namespace KIP.Web.Data;

/// <summary>The seeded lists an organisation chooses from; display names live in the resources (<c>Category.*</c>, <c>Theme.*</c>).</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "catering", "schoonmaak", "groenvoorziening", "bouw-en-onderhoud", "drukwerk-en-promotie", "ict",
        "facilitair", "re-integratie-en-opleiding", "vervoer-en-logistiek", "advies", "creatief", "zorg-en-welzijn", "overig",
    ];

    public static readonly IReadOnlyList<string> ImpactThemes =
    [
        "werk-en-inclusie", "circulair", "klimaat-en-energie", "armoede-en-schulden", "gezondheid", "onderwijs-en-taal", "ontmoeting",
    ];
}
