using Microsoft.Extensions.Options;

namespace Scheduler.Grains.Processors;

/// <summary>Checks the <c>Simulated</c> settings at start-up, naming each bad setting by its path.</summary>
public sealed class SimulatedProcessorOptionsValidator : IValidateOptions<SimulatedProcessorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SimulatedProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        const string root = SimulatedProcessorOptions.SectionName;

        if (options.Latency < TimeSpan.Zero)
        {
            failures.Add($"{root}:Latency must be zero or a positive duration (was {options.Latency}).");
        }

        if (double.IsNaN(options.FailureRate) || options.FailureRate is < 0 or > 1)
        {
            failures.Add(FormattableString.Invariant(
                $"{root}:FailureRate must be between 0 and 1 (was {options.FailureRate})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
