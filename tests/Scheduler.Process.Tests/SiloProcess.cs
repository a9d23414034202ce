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

    private SiloProcess(System.Diagnostics.Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    /// <summary>The port of the silo's health endpoints and dashboard.</summary>
    public int HttpPort { get; }

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
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiloAssembly());
        info.Environment["urls"] = $"http://127.0.0.1:{http}";
        info.Environment["Orleans__SiloPort"] = FreePort();
        info.Environment["Orleans__GatewayPort"] = FreePort();
        info.Environment["Orleans__AdvertisedIP"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = System.Diagnostics.Process.Start(info)
            ?? throw new InvalidOperationException("dotnet did not start scheduler-silo.");
        var silo = new SiloProcess(process, http);
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

    private static string FreePort() =>
        LoopbackPort.PickFree().ToString(System.Globalization.CultureInfo.InvariantCulture);

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
