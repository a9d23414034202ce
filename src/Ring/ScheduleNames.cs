using System.Text.RegularExpressions;

namespace Scheduler.Ring;

/// <summary>
/// The rules for schedule names, which become part of every Redis key of the schedule.
/// </summary>
public static partial class ScheduleNames
{
    /// <summary>The schedule used when none is named.</summary>
    public const string Default = "users";

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid schedule name.</summary>
    public static void Validate(string? name, string paramName = "schedule")
    {
        // Braces would break the hash tag that keeps a schedule's keys in one Redis Cluster slot.
        if (name is null || !Pattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"The schedule name \"{name}\" is not valid. A schedule name is 1 to 64 characters of letters, "
                + "digits, '-', '_' and '.'.",
                paramName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Pattern();
}
