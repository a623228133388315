using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Demeter.Domain.Common;

namespace Demeter.Domain.Stock.Sowing;

/// <summary>One sowing (or cutting) of the nursery's sowing ledger, as a movement into the place's seedling trays.</summary>
public sealed record SowingEntry(
    int Line, string Place, string ProductName, MovementType Type, int Quantity, DateOnly? SownOn, string Notes, Guid MovementId);

/// <summary>A line of the ledger that is not imported, and why.</summary>
public sealed record SowingLineRejection(int Line, string Reason);

public sealed record SowingLedgerRead(IReadOnlyList<SowingEntry> Entries, IReadOnlyList<SowingLineRejection> Rejected, int HeaderLine);

/// <summary>
/// Reads the rows of the sowing ledger (the cells of each line, split by a CSV reader). The header row is
/// the one with "lugar" and "genero"; columns are found by their names, the unnamed first one being the
/// category (C cactus, S succulent). Every later line becomes an entry or a rejection with its reason:
/// <list type="bullet">
/// <item>the product is "Genus species" (genus capitalised, species lower-case, spaces collapsed); a line
/// without a genus names no product and is rejected;</item>
/// <item>the quantity is trays × plants per tray, rounded to the nearest plant (a fractional tray is a
/// partly filled one);</item>
/// <item>the date is the first "mmm'yy" in the date cell (Spanish months: ene … dic, set for sep); "gajo"
/// and "hoja" mark cuttings, booked as plantar rather than sembrar; a line without a readable date is
/// imported with no sowing date (booked at import time) and says so in its notes;</item>
/// <item>the movement id is derived from the line's content and how often that same content came before,
/// so a re-run books nothing new and two identical lines stay two sowings.</item>
/// </list>
/// </summary>
public static partial class SowingLedger
{
    private static readonly string[] Months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

    public static SowingLedgerRead Read(IEnumerable<(int Line, IReadOnlyList<string> Cells)> rows)
    {
        var entries = new List<SowingEntry>();
        var rejected = new List<SowingLineRejection>();
        Columns? columns = null;
        var headerLine = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, cells) in rows)
        {
            if (columns is null)
            {
                columns = Columns.TryFind(cells);
                headerLine = columns is null ? 0 : line;
                continue;
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                rejected.Add(new SowingLineRejection(line, "empty line"));
                continue;
            }

            var content = string.Join('\u001f', cells.Select(c => Collapse(c)));
            var occurrence = seen.GetValueOrDefault(content);
            seen[content] = occurrence + 1;
            var (entry, reason) = ReadLine(line, cells, columns, DeterministicGuid.Create($"sowing-ledger:{content}#{occurrence}"));
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else
            {
                rejected.Add(new SowingLineRejection(line, reason!));
            }
        }

        if (columns is null)
        {
            rejected.Add(new SowingLineRejection(0, "no header row with the columns 'lugar' and 'genero' was found"));
        }

        return new SowingLedgerRead(entries, rejected, headerLine);
    }

    private static (SowingEntry? Entry, string? Reason) ReadLine(int line, IReadOnlyList<string> cells, Columns c, Guid movementId)
    {
        string Cell(int index) => index >= 0 && index < cells.Count ? Collapse(cells[index]) : string.Empty;

        var place = Cell(c.Place);
        if (place.Length == 0)
        {
            return (null, "no place (lugar)");
        }

        var genus = Cell(c.Genus);
        if (genus.Length == 0)
        {
            return (null, "no genus (genero): the line names no product");
        }

        var species = Cell(c.Species);
        var product = char.ToUpperInvariant(genus[0]) + genus[1..].ToLowerInvariant() + (species.Length > 0 ? " " + species.ToLowerInvariant() : string.Empty);
        if (!TryNumber(Cell(c.Trays), out var trays) || trays <= 0)
        {
            return (null, $"the tray count (cant. almacigos) '{Cell(c.Trays)}' is not a positive number");
        }

        if (!TryNumber(Cell(c.PerTray), out var perTray) || perTray <= 0)
        {
            return (null, $"the plants per tray (cant x almacigos) '{Cell(c.PerTray)}' is not a positive number");
        }

        var quantity = Math.Round(trays * perTray, MidpointRounding.AwayFromZero);
        if (quantity < 1 || quantity > int.MaxValue)
        {
            return (null, $"{trays} trays of {perTray} plants is not a bookable quantity");
        }

        var dateCell = Cell(c.Date);
        var cutting = dateCell.Contains("gajo", StringComparison.OrdinalIgnoreCase) || dateCell.Contains("hoja", StringComparison.OrdinalIgnoreCase);
        var sown = ParseMonth(dateCell);
        var notes = new List<string>();
        AddNote(notes, "category", Cell(c.Category) switch { "C" => "cactus", "S" => "succulent", var other => other });
        AddNote(notes, "code", Cell(c.Code));
        AddNote(notes, "description", Cell(c.Description));
        AddNote(notes, "trays", string.Create(CultureInfo.InvariantCulture, $"{trays} × {perTray}"));
        AddNote(notes, "date", sown is null ? (dateCell.Length == 0 ? "unknown" : $"'{dateCell}' (unreadable)") : dateCell);
        AddNote(notes, "stage", Cell(c.Stage));
        AddNote(notes, "estadio", Cell(c.Estadio));
        foreach (var extra in c.Remarks)
        {
            AddNote(notes, "remark", Cell(extra));
        }

        var text = string.Join("; ", notes);
        if (text.Length > MovementDetails.MaxNotesLength)
        {
            text = text[..MovementDetails.MaxNotesLength];
        }

        return (new SowingEntry(line, place, product, cutting ? MovementType.Plantar : MovementType.Sembrar, (int)quantity, sown, text, movementId), null);
    }

    /// <summary>The first month of a cell such as "dic'21", "gajo oct'23" or "abril/mayo'23" (its first day).</summary>
    public static DateOnly? ParseMonth(string cell)
    {
        var match = MonthPattern().Match(cell.ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["month"].Value;
        var month = Array.IndexOf(Months, name == "set" ? "sep" : name[..3]) + 1;
        var year = 2000 + int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        return month > 0 ? new DateOnly(year, month, 1) : null;
    }

    [GeneratedRegex(@"(?<month>ene|feb|mar|abr(?:il)?|may(?:o)?|jun(?:io)?|jul(?:io)?|ago|sep|set|oct|nov|dic)[a-z]*(?:/[a-z]+)?\s*[''’](?<year>\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static void AddNote(List<string> notes, string name, string value)
    {
        if (value.Length > 0)
        {
            notes.Add($"{name}: {value}");
        }
    }

    private static string Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    private sealed record Columns(
        int Category, int Place, int Code, int Genus, int Species, int Description, int Date, int Trays, int PerTray, int Stage, int Estadio, IReadOnlyList<int> Remarks)
    {
        public static Columns? TryFind(IReadOnlyList<string> cells)
        {
            var names = cells.Select(c => Collapse(c).ToLowerInvariant()).ToList();
            int Find(Func<string, bool> match) => names.FindIndex(n => match(n));
            var place = Find(n => n == "lugar");
            var genus = Find(n => n is "genero" or "género");
            if (place < 0 || genus < 0)
            {
                return null;
            }

            var trays = Find(n => n.StartsWith("cant. almacigos", StringComparison.Ordinal) || n.StartsWith("cant almacigos", StringComparison.Ordinal));
            var perTray = Find(n => n.StartsWith("cant x", StringComparison.Ordinal));
            var named = new[]
            {
                place, Find(n => n.StartsWith("código", StringComparison.Ordinal) || n.StartsWith("codigo", StringComparison.Ordinal)), genus,
                Find(n => n == "especie"), Find(n => n.StartsWith("descrip", StringComparison.Ordinal)), Find(n => n.StartsWith("fecha", StringComparison.Ordinal)),
                trays, perTray, Find(n => n == "etapa"), Find(n => n == "estadio"),
            };
            var remarks = Enumerable.Range(0, names.Count).Where(i => i > place && !named.Contains(i)).ToList();
            return new Columns(place > 0 ? place - 1 : -1, named[0], named[1], named[2], named[3], named[4], named[5], named[6], named[7], named[8], named[9], remarks);
        }
    }
}
