using System.Reflection;
using StackExchange.Redis;

namespace Scheduler.Bench.Ring;

/// <summary>A Lua script of the bench itself, loaded once and run by its SHA, as the engine runs its own.</summary>
internal sealed class BenchScript
{
    private BenchScript(string name, string text, byte[] sha)
    {
        Name = name;
        Text = text;
        Sha = sha;
    }

    /// <summary>The script's file name without <c>.lua</c>.</summary>
    public string Name { get; }

    /// <summary>The script's text.</summary>
    public string Text { get; }

    /// <summary>The SHA-1 the server knows it by.</summary>
    public byte[] Sha { get; }

    /// <summary>Reads <c>Ring/Scripts/NAME.lua</c> and loads it on <paramref name="server"/>.</summary>
    public static Task<BenchScript> LoadAsync(IServer server, string name) => LoadTextAsync(server, name, Read(name));

    /// <summary>Loads <paramref name="text"/> on <paramref name="server"/>.</summary>
    public static async Task<BenchScript> LoadTextAsync(IServer server, string name, string text)
    {
        var sha = await server.ScriptLoadAsync(text);
        return new BenchScript(name, text, sha);
    }

    /// <summary>Reads an embedded script of the bench.</summary>
    public static string Read(string name)
    {
        var resource = $"Scheduler.Bench.Ring.Scripts.{name}.lua";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Runs the script by SHA.</summary>
    public Task<RedisResult> RunAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values) =>
        database.ScriptEvaluateAsync(Sha, keys, values);
}
