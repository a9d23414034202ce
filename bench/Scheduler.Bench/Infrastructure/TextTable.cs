using System.Text;

namespace Scheduler.Bench.Infrastructure;

/// <summary>A plain text table whose columns are padded to line up; numbers are right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var widths = headers.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths, rightAlign: false);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Line(text, row, widths, rightAlign: true);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool rightAlign)
    {
        var padded = cells.Select((cell, c) =>
            // The first column names the row; the others hold figures, which read best right-aligned.
            rightAlign && c > 0 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }
}
