using System.Globalization;
using Scheduler.Testing;

namespace Scheduler.Process.Tests;

/// <summary>A silo started before the Redis that holds its cluster's membership.</summary>
public sealed class RedisLateTests
{
    [Fact]
    public async Task Start_BeforeRedisIsUp_WaitsAndJoinsOnceRedisAnswers()
    {
        var port = LoopbackPort.PickFree();
        var folder = Directory.CreateTempSubdirectory("redis-late-");
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"),
            ["Orleans:ClusterId"] = $"late-{Guid.NewGuid():N}",
        });

        await Poll.UntilAsync(
            () => silo.Output.Contains("does not answer yet", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the silo to say it waits for Redis");
        var executable = ServerProcess.FindExecutable("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed; run ./test.sh, which installs it.");
        await using var redis = ServerProcess.Start(executable,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", folder.FullName]);
        await silo.WaitUntilReadyAsync();

        Assert.DoesNotContain("Unhandled exception", silo.Output, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }
}
