namespace KIP.Domain;

/// <summary>One row of the rulebook §2 table, in Dutch and English.</summary>
public sealed record CriterionDefinition(
    CriterionCode Code,
    string TitleNl,
    string TitleEn,
    string EvidenceNl,
    string EvidenceEn,
    string ValidityNl,
    string ValidityEn);

/// <summary>
/// The six recognition criteria (rulebook §2). They and their validity rules stay in code;
/// the assessment form's texts and guidance are set elsewhere.
/// </summary>
public static class Criteria
{
    public static IReadOnlyList<CriterionDefinition> All { get; } =
    [
        new(
            CriterionCode.CodeSocialeOndernemingen,
            "Opgenomen in het register van de Code Sociale Ondernemingen",
            "Listed in the register of the Code Sociale Ondernemingen",
            "Datum van inschrijving en referentie of link",
            "Date of registration and reference or link",
            "Onbeperkt geldig, tot intrekking",
            "Open-ended, until revoked"),
        new(
            CriterionCode.SocialEnterpriseNl,
            "Lid van Social Enterprise NL",
            "Member of Social Enterprise NL",
            "Referentie van het lidmaatschap",
            "Membership reference",
            "Onbeperkt geldig, tot intrekking",
            "Open-ended, until revoked"),
        new(
            CriterionCode.Pso30Plus,
            "PSO 30+ gecertificeerd",
            "PSO 30+ certified",
            "Certificaatnummer en geldig-tot-datum",
            "Certificate number and valid-until date",
            "Tot en met de geldig-tot-datum van het certificaat",
            "Through the certificate's valid-until date"),
        new(
            CriterionCode.NonProfit,
            "Een stichting en/of non-profitorganisatie",
            "A foundation (stichting) and/or non-profit organisation",
            "Rechtsvorm; voor een non-profit die geen stichting is: statuten of ANBI-status",
            "Legal form; for a non-profit that is not a stichting: statutes or ANBI status",
            "Onbeperkt geldig",
            "Open-ended"),
        new(
            CriterionCode.BCorp,
            "B Corporation",
            "B Corporation",
            "Certificeringsdatum en geldig-tot-datum",
            "Certification date and valid-until date",
            "Tot en met de geldig-tot-datum; met alleen een certificeringsdatum tot de dag vóór de derde verjaardag daarvan",
            "Through the valid-until date; with only a certification date, through the day before its third anniversary"),
        new(
            CriterionCode.StartupZzp,
            "Startup of zzp'er met een maatschappelijke missie, de eerste 2 jaar",
            "Startup or self-employed person with a social mission, for the first 2 years",
            "Oprichtingsdatum en beschrijving van de maatschappelijke missie",
            "Founding date and social mission statement",
            "Eenmalig 2 jaar vanaf de eerste erkenning op dit criterium, tot de dag vóór de tweede verjaardag",
            "Once, for 2 years from the first recognition on this criterion, through the day before the second anniversary"),
    ];

    public static CriterionDefinition Get(CriterionCode code) =>
        All.First(definition => definition.Code == code);
}
