using System.Diagnostics;
using System.Globalization;
using System.Text;
using Scheduler.Testing;

namespace Scheduler.Deploy.Tests;

/// <summary>
/// One <c>scheduler-silo</c> process in its embedded default (no connection strings: embedded Garnet, localhost
/// clustering), shared by the tests that scrape it.
/// </summary>
public sealed class SiloHost : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The port of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public int HttpPort { get; } = LoopbackPort.PickFree();

    /// <summary>The client gateway's port.</summary>
    public int GatewayPort { get; } = LoopbackPort.PickFree();

    /// <summary>The embedded Garnet's port.</summary>
    public int GarnetPort { get; } = LoopbackPort.PickFree();

    /// <summary>The service and cluster id of the silo.</summary>
    public string ClusterId { get; } = $"deploy-{Guid.NewGuid():N}";

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

    /// <summary>The path of the built silo, beside this test project's output.</summary>
    public static string Assembly
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(Repository.Root, "src", "Silo", "bin", output.Parent!.Name, output.Name,
                "scheduler-silo.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"scheduler-silo is not built at {path}; build the solution first.");
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        info.Environment["urls"] = $"http://127.0.0.1:{HttpPort}";
        info.Environment["Orleans__SiloPort"] = LoopbackPort.PickFree().ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__ClusterId"] = ClusterId;
        info.Environment["Orleans__ServiceId"] = ClusterId;
        info.Environment["Embedded__GarnetPort"] = GarnetPort.ToString(CultureInfo.InvariantCulture);
        info.Environment.Remove("ConnectionStrings__Redis");
        info.Environment.Remove("KUBERNETES_SERVICE_HOST");

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the silo.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

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

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

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
