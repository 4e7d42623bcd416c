using System.Text;
using KIP.Web.Data.Search;
using KIP.Web.Search;

namespace KIP.Tests.Search;

/// <summary>The export opens correctly in Dutch Excel: UTF-8 with BOM, ';' separated.</summary>
public sealed class SupplierCsvTests
{
    private static readonly string[] Headers = ["Naam", "KvK-nummer", "Plaats", "Werkt in", "Categorieën", "Erkend", "Tijdelijke badge", "Criteria", "Erkend tot en met", "Website", "Contactpersoon", "E-mail contactpersoon", "Telefoon contactpersoon", "Notitie"];

    private static SupplierItem Item(string name, bool recognised = true, string? place = "IJmuiden") => new(
        Guid.NewGuid(), "01234567", name, "velsen", ["haarlem", "beverwijk"], ["schoonmaak"], [], recognised, false,
        recognised ? ["pso-30-plus"] : [], recognised ? new DateOnly(2027, 3, 31) : null, "Samenvatting", "https://schoon.example.nl", place);

    [Fact]
    public void Municipalities_and_categories_are_written_as_names_never_as_codes()
    {
        var text = Encoding.UTF8.GetString(SupplierCsv.Write(
            [new CsvRow(Item("Schoon & Sociaal", place: null), null)], Headers, c => "PSO 30+", c => c == "schoonmaak" ? "Schoonmaak" : c, withNotes: false));
        var cells = text.Split("\r\n")[1].Split(';');

        Assert.Equal("Velsen", cells[2]); // no place given: the municipality where it is established
        Assert.Equal("Haarlem, Beverwijk", cells[3]);
        Assert.Equal("Schoonmaak", cells[4]);
        Assert.Equal("PSO 30+", cells[7]);
        Assert.DoesNotContain("haarlem", text, StringComparison.Ordinal);
        Assert.DoesNotContain("velsen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bytes_start_with_the_UTF8_byte_order_mark_and_use_semicolons_and_CRLF()
    {
        var bytes = SupplierCsv.Write([new CsvRow(Item("Schoon & Sociaal"), new ContactPerson("Mehmet Kaya", "m@x.nl", "06 1234"))], Headers, c => "PSO 30+", c => "Schoonmaak", withNotes: false);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var expected =
            "Naam;KvK-nummer;Plaats;Werkt in;Categorieën;Erkend;Tijdelijke badge;Criteria;Erkend tot en met;Website;Contactpersoon;E-mail contactpersoon;Telefoon contactpersoon\r\n" +
            "Schoon & Sociaal;01234567;IJmuiden;Haarlem, Beverwijk;Schoonmaak;ja;nee;PSO 30+;31-03-2027;https://schoon.example.nl;Mehmet Kaya;m@x.nl;06 1234\r\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Leading_zeros_of_a_KvK_number_and_accents_survive()
    {
        var text = Encoding.UTF8.GetString(SupplierCsv.Write([new CsvRow(Item("Café De Ontmoeting", recognised: false), null)], Headers, c => c, c => c, withNotes: false));

        Assert.Contains("Café De Ontmoeting;01234567;", text, StringComparison.Ordinal);
        Assert.Contains(";nee;nee;;;", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Naam; met puntkomma", "\"Naam; met puntkomma\"")]
    [InlineData("Zeg \"hallo\"", "\"Zeg \"\"hallo\"\"\"")]
    [InlineData("Twee\nregels", "\"Twee\nregels\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("gewoon", "gewoon")]
    public void Cells_are_quoted_where_needed_and_never_run_as_a_formula(string value, string expected)
    {
        Assert.Equal(expected, SupplierCsv.Cell(value));
    }

    [Fact]
    public void A_shortlist_export_adds_the_note_column()
    {
        var text = Encoding.UTF8.GetString(SupplierCsv.Write([new CsvRow(Item("A"), null, "Offerte aangevraagd")], Headers, c => c, c => c, withNotes: true));

        Assert.EndsWith(";Notitie\r\n" + text.Split("\r\n")[1] + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith(";Offerte aangevraagd", text.Split("\r\n")[1], StringComparison.Ordinal);
    }
}
