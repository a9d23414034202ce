using System.Diagnostics;
using System.Text;
using Scheduler.Testing;

namespace Scheduler.Process.Tests;

/// <summary>
/// A real <c>scheduler-silo</c> process, started from the build output with its settings in environment variables,
/// so a test can kill it with SIGKILL the way a node dies.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(System.Diagnostics.Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    /// <summary>The port of the silo's health endpoints and dashboard.</summary>
    public int HttpPort { get; }

    /// <summary>The silo-to-silo port, which tells this silo apart in Orleans' silo addresses.</summary>
    public int SiloPort { get; }

    /// <summary>Everything the silo wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the silo wrote, for failure messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length <= 4000 ? text : text[^4000..];
            }
        }
    }

    /// <summary>Starts a silo with <paramref name="settings"/> (configuration keys, <c>:</c> separated).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var http = LoopbackPort.PickFree();
        var siloPort = LoopbackPort.PickFree();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiloAssembly());
        info.Environment["urls"] = $"http://127.0.0.1:{http}";
        info.Environment["Orleans__SiloPort"] = Invariant(siloPort);
        info.Environment["Orleans__GatewayPort"] = FreePort();
        info.Environment["Orleans__AdvertisedIP"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = System.Diagnostics.Process.Start(info)
            ?? throw new InvalidOperationException("dotnet did not start scheduler-silo.");
        var silo = new SiloProcess(process, http, siloPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200: the silo is active and reaches Redis.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"scheduler-silo exited early:\n{OutputTail}");
                }

                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/readyz"));
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            "scheduler-silo to become ready");
    }

    /// <summary>Waits for the process to exit on its own, then for its output to be read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the silo with SIGKILL: no shutdown, no hand-back of leases.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string SiloAssembly() => BuildOutput.Of("Silo", "scheduler-silo");

    private static string FreePort() => Invariant(LoopbackPort.PickFree());

    private static string Invariant(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
