using System.Globalization;

namespace Scheduler.Silo;

/// <summary>
/// <c>scheduler-silo --health</c>: asks the silo running beside it for <c>/healthz</c> and exits 0 when it answers
/// 200. Container images carry no curl or wget, so the image's HEALTHCHECK runs the silo's own binary instead.
/// </summary>
internal static class HealthCheck
{
    /// <summary>The argument that selects the check instead of starting a silo.</summary>
    public const string Flag = "--health";

    private const int DefaultPort = 8080;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Calls <c>/healthz</c> on loopback at the first port of <c>ASPNETCORE_HTTP_PORTS</c> (the port the .NET
    /// images listen on), or <c>SCHEDULER_HEALTH_PORT</c> when set; returns the process exit code.
    /// </summary>
    public static async Task<int> RunAsync()
    {
        var port = Port("SCHEDULER_HEALTH_PORT") ?? Port("ASPNETCORE_HTTP_PORTS") ?? DefaultPort;
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/healthz"));
            using var response = await http.GetAsync(uri).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"/healthz on port {port} did not answer: {ex.Message}")
                .ConfigureAwait(false);
            return 1;
        }
    }

    private static int? Port(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable)?.Split([',', ';'])[0].Trim();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
