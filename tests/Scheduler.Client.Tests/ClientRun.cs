namespace Scheduler.Client.Tests;

/// <summary>What one in-process run of the console produced.</summary>
public sealed record ClientRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The lines written to stderr, without empty ones.</summary>
    public IReadOnlyList<string> ErrorLines =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}";
}
