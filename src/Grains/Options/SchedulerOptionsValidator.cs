using System.Globalization;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Grains.Options;

/// <summary>
/// Checks every scheduler setting at start-up. Each failure is one sentence that starts with the setting's
/// configuration path, e.g. <c>Scheduler:Schedules:users:BatchSize must be between 1 and 10000 (was 0).</c>
/// </summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    /// <summary>The largest allowed <see cref="ScheduleOptions.BatchSize"/>.</summary>
    public const int MaxBatchSize = 10_000;

    private readonly ProcessorRegistry _processors;

    /// <summary>Creates a validator that accepts the processors of <paramref name="processors"/>.</summary>
    public SchedulerOptionsValidator(ProcessorRegistry processors)
    {
        ArgumentNullException.ThrowIfNull(processors);
        _processors = processors;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        const string root = SchedulerOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.KeyPrefix)
            || options.KeyPrefix.Contains('{', StringComparison.Ordinal)
            || options.KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            failures.Add($"{root}:KeyPrefix must be non-empty and free of braces (was \"{options.KeyPrefix}\").");
        }

        if (options.Schedules.Count == 0)
        {
            failures.Add($"{root}:Schedules must name at least one schedule.");
        }

        foreach (var (schedule, settings) in options.Schedules)
        {
            ValidateSchedule($"{root}:Schedules:{schedule}", schedule, settings, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateSchedule(string path, string schedule, ScheduleOptions? settings, List<string> failures)
    {
        try
        {
            ScheduleNames.Validate(schedule);
        }
        catch (ArgumentException)
        {
            failures.Add($"{path} is not a valid schedule name: use 1 to 64 letters, digits, '-', '_' and '.'.");
        }

        if (settings is null)
        {
            failures.Add($"{path} has no settings.");
            return;
        }

        var period = Positive(path, nameof(settings.Period), settings.Period, failures);
        var tick = Positive(path, nameof(settings.TickInterval), settings.TickInterval, failures);
        var lease = Positive(path, nameof(settings.LeaseDuration), settings.LeaseDuration, failures);
        var backoffBase = Positive(path, nameof(settings.BackoffBase), settings.BackoffBase, failures);
        var backoffMax = Positive(path, nameof(settings.BackoffMax), settings.BackoffMax, failures);

        // The relations between settings are checked only when both sides are valid on their own, so one bad value
        // gives one failure.
        if (period && tick && settings.TickInterval >= settings.Period)
        {
            failures.Add($"{path}:TickInterval must be shorter than {path}:Period "
                + $"(was {settings.TickInterval} with Period {settings.Period}).");
        }

        if (tick && lease && settings.LeaseDuration <= settings.TickInterval)
        {
            failures.Add($"{path}:LeaseDuration must be longer than {path}:TickInterval "
                + $"(was {settings.LeaseDuration} with TickInterval {settings.TickInterval}).");
        }

        if (backoffBase && backoffMax && settings.BackoffMax < settings.BackoffBase)
        {
            failures.Add($"{path}:BackoffMax must be at least {path}:BackoffBase "
                + $"(was {settings.BackoffMax} with BackoffBase {settings.BackoffBase}).");
        }

        if (settings.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add(Invariant(
                $"{path}:BatchSize must be between 1 and {MaxBatchSize} (was {settings.BatchSize})."));
        }

        if (settings.MaxAttempts < 1)
        {
            failures.Add(Invariant($"{path}:MaxAttempts must be at least 1 (was {settings.MaxAttempts})."));
        }

        if (settings.MaxConcurrentBatches < 1)
        {
            failures.Add(Invariant(
                $"{path}:MaxConcurrentBatches must be at least 1 (was {settings.MaxConcurrentBatches})."));
        }

        ValidateRate(path, settings, tick, failures);

        if (string.IsNullOrEmpty(settings.Processor) || !_processors.Contains(settings.Processor))
        {
            failures.Add($"{path}:Processor names no known processor (was \"{settings.Processor}\"); "
                + $"the known processors are: {string.Join(", ", _processors.Names)}.");
        }
    }

    private static void ValidateRate(string path, ScheduleOptions settings, bool tickValid, List<string> failures)
    {
        var rate = settings.MaxRecordsPerSecond;
        if (double.IsNaN(rate) || double.IsInfinity(rate) || rate < 0)
        {
            failures.Add(Invariant(
                $"{path}:MaxRecordsPerSecond must be 0 (no ceiling) or a positive number (was {rate})."));
            return;
        }

        // The ceiling is applied per tick; a budget under one record per tick would never claim anything.
        if (tickValid && rate > 0 && rate * settings.TickInterval.TotalSeconds < 1)
        {
            var minimum = (1 / settings.TickInterval.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
            failures.Add($"{path}:MaxRecordsPerSecond must allow at least one record per TickInterval, so at least "
                + Invariant($"{minimum} (was {rate} with TickInterval {settings.TickInterval})."));
        }
    }

    private static bool Positive(string path, string setting, TimeSpan value, List<string> failures)
    {
        if (value > TimeSpan.Zero)
        {
            return true;
        }

        failures.Add($"{path}:{setting} must be a positive duration such as 00:00:05 (was {value}).");
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
