using System.Text;

namespace Scheduler.Ring;

/// <summary>
/// The rules every record id must follow before it reaches Redis.
/// </summary>
/// <remarks>
/// Ids are opaque, but the ring stores a batch as its ids joined by spaces and the cycle marker
/// contains a space, so whitespace and control characters are ruled out: no valid id can ever be
/// confused with the marker or split in two.
/// </remarks>
public static class RecordIds
{
    /// <summary>The longest id accepted, in bytes of UTF-8.</summary>
    public const int MaxBytes = 512;

    /// <summary>
    /// Returns why <paramref name="id"/> is not a valid record id, or <see langword="null"/> when it is.
    /// </summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is empty";
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c))
            {
                return $"contains the control character U+{(int)c:X4} at position {i}";
            }

            if (char.IsWhiteSpace(c))
            {
                return $"contains whitespace (U+{(int)c:X4}) at position {i}";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])))
            {
                return $"contains an unpaired surrogate at position {i}, which is not valid UTF-8";
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(id);
        if (bytes > MaxBytes)
        {
            return $"is {bytes} bytes of UTF-8, more than the limit of {MaxBytes}";
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="id"/> is not a valid record id.</summary>
    public static void Validate(string? id, string paramName = "id")
    {
        var problem = Problem(id);
        if (problem is not null)
        {
            throw new ArgumentException($"The record id {Describe(id)} {problem}. " + Rule, paramName);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first invalid id and its position, before anything is
    /// written, so a rejected call leaves Redis untouched.
    /// </summary>
    public static void ValidateAll(IReadOnlyList<string> ids, string paramName = "ids")
    {
        ArgumentNullException.ThrowIfNull(ids, paramName);

        for (var i = 0; i < ids.Count; i++)
        {
            var problem = Problem(ids[i]);
            if (problem is not null)
            {
                throw new ArgumentException(
                    $"The record id at index {i} ({Describe(ids[i])}) {problem}; nothing was written. " + Rule,
                    paramName);
            }
        }
    }

    private const string Rule =
        "A record id is 1 to 512 bytes of UTF-8 with no whitespace or control characters.";

    private static string Describe(string? id)
    {
        if (id is null)
        {
            return "null";
        }

        // Show a readable prefix only: the id may be huge or full of unprintable characters.
        var shown = new StringBuilder();
        foreach (var c in id.AsSpan(0, Math.Min(id.Length, 40)))
        {
            shown.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? '?' : c);
        }

        return id.Length > 40 ? $"\"{shown}…\"" : $"\"{shown}\"";
    }
}
