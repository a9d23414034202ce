using System.Net;
using Microsoft.Extensions.Options;

namespace Scheduler.Silo;

/// <summary>
/// Checks the cluster settings at start-up; each failure is one sentence that starts with the setting's path.
/// </summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        const string root = SiloHostOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{root}:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{root}:ServiceId must not be empty.");
        }

        PortRule.Check($"{root}:SiloPort", options.SiloPort, failures);
        PortRule.Check($"{root}:GatewayPort", options.GatewayPort, failures);

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{root}:GatewayPort must differ from {root}:SiloPort (both {options.SiloPort}).");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedIP) && !IPAddress.TryParse(options.AdvertisedIP, out _))
        {
            failures.Add($"{root}:AdvertisedIP must be an IP address (was \"{options.AdvertisedIP}\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
