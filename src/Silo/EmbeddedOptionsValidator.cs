using Microsoft.Extensions.Options;

namespace Scheduler.Silo;

/// <summary>Checks the embedded-mode settings at start-up.</summary>
public sealed class EmbeddedOptionsValidator : IValidateOptions<EmbeddedOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EmbeddedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        PortRule.Check($"{EmbeddedOptions.SectionName}:GarnetPort", options.GarnetPort, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
