using System.Text;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Sowing;

namespace Demeter.Domain.Tests.Stock.Sowing;

public sealed class SowingLedgerTests
{
    private static IEnumerable<(int Line, IReadOnlyList<string> Cells)> Rows(params string[] lines) =>
        lines.Select((l, i) => (i + 1, (IReadOnlyList<string>)l.Split(',')));

    private const string Legend = ",Etapa 1 siembra. etapa 2 repicado. ,,,estadio ,,,1 no tocar,2 repicar,3 plantar en 5 8 u 11,,,";
    private const string Header = ",lugar,código ,genero,especie,descripción ,fecha de siembra,cant. almacigos,cant x almacigos ,etapa,estadio,,";

    [Fact]
    public void A_line_becomes_a_sowing_of_trays_times_plants_of_the_genus_and_species_in_its_month()
    {
        var read = SowingLedger.Read(Rows(Legend, Header, "C,M6c1sur,003-83,mammillaria ,spinosissima ,,dic'21,2.5,100,2,35,,"));

        var entry = Assert.Single(read.Entries);
        Assert.Equal(2, read.HeaderLine);
        Assert.Equal((3, "M6c1sur", "Mammillaria spinosissima", MovementType.Sembrar, 250), (entry.Line, entry.Place, entry.ProductName, entry.Type, entry.Quantity));
        Assert.Equal(new DateOnly(2021, 12, 1), entry.SownOn);
        Assert.Contains("code: 003-83", entry.Notes);
        Assert.Contains("category: cactus", entry.Notes);
    }

    [Theory]
    [InlineData("gajo", MovementType.Plantar, null)]
    [InlineData("gajo oct'23", MovementType.Plantar, "2023-10-01")]
    [InlineData("gajo abril/mayo'23", MovementType.Plantar, "2023-04-01")]
    [InlineData("set'20", MovementType.Sembrar, "2020-09-01")]
    [InlineData("2018/19?", MovementType.Sembrar, null)]
    [InlineData("", MovementType.Sembrar, null)]
    public void The_date_cell_gives_the_month_and_whether_it_was_a_cutting(string cell, MovementType type, string? month)
    {
        var entry = Assert.Single(SowingLedger.Read(Rows(Header, $"S,T4c1,,echeveria,,,{cell},1,50,1,1,,")).Entries);

        Assert.Equal(type, entry.Type);
        Assert.Equal(month is null ? null : DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), entry.SownOn);
    }

    [Fact]
    public void Lines_without_a_product_a_place_or_a_tray_count_are_reported_with_their_reason()
    {
        var read = SowingLedger.Read(Rows(Header, "C,M5c3norte,013-01,,,,dic'21,3,252,2,1,,", "C,,x,lobivia,,,dic'21,3,252,2,1,,", "C,M1,x,lobivia,,,dic'21,,252,2,1,,"));

        Assert.Empty(read.Entries);
        Assert.Equal([2, 3, 4], read.Rejected.Select(r => r.Line));
        Assert.Contains("genus", read.Rejected[0].Reason);
        Assert.Contains("place", read.Rejected[1].Reason);
        Assert.Contains("tray count", read.Rejected[2].Reason);
    }

    [Fact]
    public void Identical_lines_stay_two_sowings_and_reading_again_gives_the_same_movement_ids()
    {
        string[] lines = [Header, "C,T2c2,,Cereus,,,nov'21,1,100,1,2,,", "C,T2c2,,Cereus,,,nov'21,1,100,1,2,,"];

        var first = SowingLedger.Read(Rows(lines));
        var second = SowingLedger.Read(Rows(lines));

        Assert.Equal(2, first.Entries.Select(e => e.MovementId).Distinct().Count());
        Assert.Equal(first.Entries.Select(e => e.MovementId), second.Entries.Select(e => e.MovementId));
    }

    [Fact]
    public void The_real_ledger_is_read_line_by_line_and_every_line_is_imported_or_explained()
    {
        var path = Path.Combine(Layout.RealNurseryData.Directory, "seedling_sowing_ledger.csv");
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var read = SowingLedger.Read(Rows(lines));

        Assert.Equal(2, read.HeaderLine);
        Assert.Equal(lines.Length - 2, read.Entries.Count + read.Rejected.Count);
        Assert.True(read.Entries.Count > 1250, $"only {read.Entries.Count} lines read");
        Assert.All(read.Entries, e => Assert.True(e.Quantity > 0));
        Assert.All(read.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Equal(read.Entries.Count, read.Entries.Select(e => e.MovementId).Distinct().Count());
    }
}
