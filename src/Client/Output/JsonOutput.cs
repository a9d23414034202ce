using System.Text.Json;

namespace Scheduler.Client.Output;

/// <summary>Writes the <c>--json</c> form of a verb's result: camelCase, indented, to stdout only.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync<T>(TextWriter stdout, T value)
    {
        await stdout.WriteLineAsync(JsonSerializer.Serialize(value, Options)).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
    }
}
