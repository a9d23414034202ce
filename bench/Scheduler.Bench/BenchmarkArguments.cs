using System.Globalization;

namespace Scheduler.Bench;

/// <summary>The <c>--name value</c> options after the benchmark's name.</summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchmarkArguments(Dictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>Reads options of the form <c>--name value</c>; anything else is an error.</summary>
    public static BenchmarkArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value', found '{args[i]}'.", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new BenchmarkArguments(values);
    }

    /// <summary>The option's text, or <paramref name="fallback"/> when it is not given.</summary>
    public string? Text(string name, string? fallback = null)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : fallback;
    }

    /// <summary>The option as a positive whole number; underscores and commas may group digits.</summary>
    public int PositiveInt(string name, int fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        var digits = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.", nameof(name));
        }

        return value;
    }

    /// <summary>The option as a comma-separated list of positive whole numbers, e.g. <c>100,1000</c>.</summary>
    public int[] PositiveInts(string name, int[] fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        var values = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"--{name} must list positive whole numbers, not '{text}'.",
                    nameof(name));
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>Throws when an option was given that the benchmark never asked for, which is likely a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}.",
                nameof(unknown));
        }
    }
}
