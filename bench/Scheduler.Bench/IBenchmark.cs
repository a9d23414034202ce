namespace Scheduler.Bench;

/// <summary>One benchmark that <c>scheduler-bench</c> can run, chosen by its name on the command line.</summary>
internal interface IBenchmark
{
    /// <summary>The name given as the first argument.</summary>
    string Name { get; }

    /// <summary>One line for the usage text: the options and what is measured.</summary>
    string Usage { get; }

    /// <summary>Runs the benchmark and prints its figures; returns the process exit code.</summary>
    Task<int> RunAsync(BenchmarkArguments arguments);
}
