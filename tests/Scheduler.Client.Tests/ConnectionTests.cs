using Scheduler.Testing;

namespace Scheduler.Client.Tests;

/// <summary>The real connection path, against a gateway nobody listens on.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task Status_UnreachableGateway_ExitsOneWithOneLineNamingTheAddress()
    {
        var gateway = $"127.0.0.1:{LoopbackPort.PickFree()}";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ClientApp.RunAsync(["status", "--gateway", gateway], stdout, stderr, TextReader.Null);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"gateway {gateway}", line, StringComparison.Ordinal);
        Assert.Contains("--gateway", line, StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task Status_UnreachableRedis_ExitsOneWithinTheConnectTimeout()
    {
        var redis = $"127.0.0.1:{LoopbackPort.PickFree()},connectTimeout=1000";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ClientApp.RunAsync(["status", "--redis", redis, "--connect-timeout", "3"], stdout, stderr,
            TextReader.Null);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Redis clustering at 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Redis", line, StringComparison.Ordinal);
    }
}
