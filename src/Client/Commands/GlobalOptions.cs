using System.CommandLine;
using System.CommandLine.Parsing;
using Scheduler.Ring;

namespace Scheduler.Client.Commands;

/// <summary>The options every verb takes: the schedule and how to reach the cluster.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Schedule { get; } = new("--schedule", "-s")
    {
        Description = "The schedule to act on.",
        DefaultValueFactory = _ => ScheduleNames.Default,
        Recursive = true,
    };

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "StackExchange.Redis connection string of Redis clustering (default: ConnectionStrings:Redis).",
        Recursive = true,
    };

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = "Gateway host:port when Redis is not used (default: Orleans:Gateway, else localhost:30000).",
        Recursive = true,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The cluster id (default: Orleans:ClusterId, else scheduler).",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "The service id (default: Orleans:ServiceId, else orleans-scheduler).",
        Recursive = true,
    };

    public Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster to answer before giving up.",
        DefaultValueFactory = _ => 5,
        Recursive = true,
    };

    public GlobalOptions()
    {
        Schedule.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            try
            {
                ScheduleNames.Validate(name);
            }
            catch (ArgumentException)
            {
                result.AddError(
                    $"The schedule name \"{name}\" is not valid: 1 to 64 letters, digits, '-', '_' or '.'.");
            }
        });

        ConnectTimeout.Validators.Add(result => Positive(result, "--connect-timeout"));
    }

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Schedule);
        root.Options.Add(Redis);
        root.Options.Add(Gateway);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(ConnectTimeout);
    }

    /// <summary>Adds an error when a number option is not above zero.</summary>
    public static void Positive(OptionResult result, string name)
    {
        if (!TryGet(result, out double value))
        {
            return;
        }

        if (!(value > 0) || double.IsInfinity(value))
        {
            result.AddError($"{name} must be a number above 0 (was {TokenOf(result)}).");
        }
    }

    /// <summary>Adds an error when a count option is not at least one.</summary>
    public static void AtLeastOne(OptionResult result, string name)
    {
        if (TryGet(result, out int value) && value < 1)
        {
            result.AddError($"{name} must be at least 1 (was {TokenOf(result)}).");
        }
    }

    private static bool TryGet<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            // A value that does not convert is already a parse error of its own; one message is enough.
            value = default!;
            return false;
        }
    }

    private static string TokenOf(OptionResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
}
