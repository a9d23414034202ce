using System.Diagnostics;

namespace Scheduler.Testing;

/// <summary>
/// A server process started by a fixture: it keeps the tail of the server's output for error messages
/// and is stopped only through its own process handle, never by name.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailLock = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>Gets a value indicating whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the last lines the process wrote to standard output and standard error.</summary>
    public string OutputTail
    {
        get
        {
            lock (_tailLock)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <summary>
    /// Finds an executable by name on <c>PATH</c>, also looking in the sbin folders, which are not on a
    /// non-root user's <c>PATH</c> on Debian although <c>mariadbd</c> lives there.
    /// </summary>
    /// <param name="name">The executable's file name, e.g. <c>redis-server</c>.</param>
    /// <returns>The full path, or null when it is not installed.</returns>
    public static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"]);

        return folders
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts a server process whose output is captured.</summary>
    /// <param name="fileName">The executable to run.</param>
    /// <param name="arguments">Its arguments, passed as they are, without shell quoting.</param>
    /// <returns>The started process.</returns>
    public static ServerProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var process = new Process { StartInfo = CreateStartInfo(fileName, arguments), EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);

        process.Start();

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return server;
    }

    /// <summary>Runs a command to completion and throws when it fails.</summary>
    /// <param name="fileName">The executable to run.</param>
    /// <param name="arguments">Its arguments, passed as they are, without shell quoting.</param>
    /// <param name="timeout">How long the command may take before it is killed.</param>
    /// <returns>The command's standard output and standard error.</returns>
    /// <exception cref="InvalidOperationException">The command exited with a non-zero code or timed out.</exception>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var argumentList = arguments.ToList();
        await using var command = Start(fileName, argumentList);
        using var timeoutSource = new CancellationTokenSource(timeout);

        try
        {
            await command._process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"{Describe(fileName, argumentList)} did not finish within {timeout.TotalSeconds:0} s. " +
                $"Output:{Environment.NewLine}{command.OutputTail}");
        }

        if (command._process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Describe(fileName, argumentList)} exited with code {command._process.ExitCode}. " +
                $"Output:{Environment.NewLine}{command.OutputTail}");
        }

        return command.OutputTail;
    }

    /// <summary>
    /// Kills the process with SIGKILL, as a crash would, and waits until it has exited.
    /// </summary>
    /// <returns>A task that completes once the process is gone.</returns>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            // Only this process, not its tree: Redis' fork children end by themselves when the parent dies.
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the process if it still runs and releases its handle.</summary>
    /// <returns>A task that completes once the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        $"'{fileName} {string.Join(' ', arguments)}'";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailLock)
        {
            _tail.Enqueue(line);

            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
