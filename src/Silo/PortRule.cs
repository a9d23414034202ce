using System.Globalization;

namespace Scheduler.Silo;

/// <summary>The one rule every port setting shares.</summary>
internal static class PortRule
{
    public static void Check(string setting, int port, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{setting} must be between 1 and 65535 (was {port})."));
        }
    }
}
