using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Scheduler.Ring;

/// <summary>
/// One Lua script of the ring engine, called by its SHA and sent whole only when the server
/// answers that it does not know it (first use, <c>SCRIPT FLUSH</c>, a restart, a failover).
/// </summary>
public sealed class RingScript
{
    internal RingScript(string name, string text)
    {
        Name = name;
        Text = text;
        // Redis names scripts by SHA-1; it is an identifier here, not a security measure.
#pragma warning disable CA5350
        Sha = SHA1.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5350
    }

    /// <summary>The script's name, for logs and errors.</summary>
    public string Name { get; }

    /// <summary>The full text sent to Redis.</summary>
    public string Text { get; }

    /// <summary>The SHA-1 digest Redis knows the script by.</summary>
    public byte[] Sha { get; }

    /// <summary>Runs the script by SHA, loading it again when the server no longer has it.</summary>
    /// <param name="database">Where to run it.</param>
    /// <param name="keys">The script's keys.</param>
    /// <param name="values">The script's arguments.</param>
    /// <param name="reloaded">Called when the server had lost the script and it was sent again.</param>
    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values,
        Action? reloaded = null)
    {
        try
        {
            return await database.ScriptEvaluateAsync(Sha, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            reloaded?.Invoke();

            // EVAL runs the script and caches it on that server, so the next call goes by SHA again.
            return await database.ScriptEvaluateAsync(Text, keys, values).ConfigureAwait(false);
        }
    }
}
