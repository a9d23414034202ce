using System.Text.RegularExpressions;

namespace Scheduler.Deploy.Tests;

/// <summary><c>docker-compose.yml</c>, <c>.env.example</c> and the files they point at.</summary>
public sealed partial class ComposeFileTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Redis_Command_TurnsOnAofEverySecondOnAVolume()
    {
        var redis = _compose.Service("redis");
        var command = string.Join(' ', ComposeFile.List(redis["command"]));

        Assert.StartsWith("redis:7", (string)redis["image"], StringComparison.Ordinal);
        Assert.Contains("--appendonly yes", command, StringComparison.Ordinal);
        Assert.Contains("--appendfsync everysec", command, StringComparison.Ordinal);
        var volume = Assert.Single(ComposeFile.List(redis["volumes"]));
        Assert.EndsWith(":/data", volume, StringComparison.Ordinal);
        Assert.Contains(volume.Split(':')[0], ComposeFile.Map(_compose.Root["volumes"]).Keys);
    }

    [Theory]
    [InlineData("redis", "redis-cli ping")]
    [InlineData("mariadb", "healthcheck.sh --connect --innodb_initialized")]
    [InlineData("silo", "dotnet /app/scheduler-silo.dll --health")]
    [InlineData("silo-dashboard", "dotnet /app/scheduler-silo.dll --health")]
    public void Service_Healthcheck_RunsItsCheck(string service, string check)
    {
        var test = ComposeFile.List(ComposeFile.Map(_compose.Service(service)["healthcheck"])["test"]);

        Assert.Equal("CMD", test[0]);
        Assert.Equal(check, string.Join(' ', test.Skip(1)));
    }

    [Fact]
    public void DependsOn_EveryCondition_IsServiceHealthyOnAServiceWithAHealthcheck()
    {
        var dependencies = _compose.Services
            .Select(s => ComposeFile.Map(s.Value))
            .Where(s => s.ContainsKey("depends_on"))
            .SelectMany(s => ComposeFile.Map(s["depends_on"]))
            .ToList();

        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, d =>
        {
            Assert.Equal("service_healthy", ComposeFile.Map(d.Value)["condition"]);
            Assert.Contains("healthcheck", _compose.Service((string)d.Key).Keys);
        });
    }

    [Fact]
    public void Silos_Replicas_AddUpToThreeWithOneDashboardPublished()
    {
        var silos = _compose.Silos();
        var replicas = silos.Sum(s => s.Value.TryGetValue("deploy", out var deploy)
            ? int.Parse((string)ComposeFile.Map(deploy)["replicas"], System.Globalization.CultureInfo.InvariantCulture)
            : 1);
        var published = silos.Where(s => s.Value.ContainsKey("ports")).ToList();

        Assert.Equal(3, replicas);
        var dashboard = Assert.Single(published);
        Assert.False(dashboard.Value.ContainsKey("deploy"), "a published port cannot be shared by replicas");
        Assert.Equal(["8080:8080"], ComposeFile.List(dashboard.Value["ports"]));
    }

    [Fact]
    public void Silos_Environment_ReachRedisAndTheCrmAndLeaveAdvertisedIpToTheHostName()
    {
        Assert.All(_compose.Silos(), silo =>
        {
            var env = ComposeFile.Map(silo.Value["environment"]);

            Assert.Equal("redis:6379", env["ConnectionStrings__Redis"]);
            Assert.Contains("Server=mariadb", (string)env["ConnectionStrings__Legacy"], StringComparison.Ordinal);
            Assert.Contains("Server=mariadb", (string)env["ConnectionStrings__Target"], StringComparison.Ordinal);
            Assert.Equal("crm-sync", env["Scheduler__Schedules__users__Processor"]);
            Assert.DoesNotContain("Orleans__AdvertisedIP", env.Keys);
            Assert.Equal("60s", silo.Value["stop_grace_period"]);
        });
    }

    [Fact]
    public void Seed_Command_SeedsTheLegacyCrmThenEnrolsItOnce()
    {
        var seed = _compose.Service("seed");
        var command = string.Join(' ', ComposeFile.List(seed["command"]));

        Assert.Equal("deploy/docker/client.Dockerfile", ComposeFile.Dockerfile(seed));
        Assert.Equal("no", seed["restart"]);
        Assert.Matches(
            @"^dotnet /app/scheduler\.dll seed --users 10000 --transactions-per-user 5\s+&& "
            + @"dotnet /app/scheduler\.dll add --from-legacy$",
            command);
        Assert.Contains("mariadb", ComposeFile.Map(seed["depends_on"]).Keys);
    }

    [Fact]
    public void Client_Profile_IsToolsOnly()
    {
        var client = _compose.Service("client");

        Assert.Equal(["tools"], ComposeFile.List(client["profiles"]));
        Assert.Equal("deploy/docker/client.Dockerfile", ComposeFile.Dockerfile(client));
        Assert.All(_compose.Services.Where(s => (string)s.Key != "client"),
            s => Assert.DoesNotContain("profiles", ComposeFile.Map(s.Value).Keys));
    }

    [Fact]
    public void Compose_Secrets_ComeFromTheEnvFileWhoseExampleHoldsOnlyPlaceholders()
    {
        var text = Repository.Read("docker-compose.yml");
        var used = Variable().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var example = Repository.Read(".env.example").Split('\n')
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l.Split('=')[0], l => l.Split('=', 2)[1].Trim(), StringComparer.Ordinal);

        Assert.Contains("MARIADB_PASSWORD", used);
        Assert.All(used, v => Assert.Contains(v, example.Keys));
        Assert.All(example.Where(p => p.Key.Contains("PASSWORD", StringComparison.Ordinal)),
            p => Assert.StartsWith("change-me", p.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("Password=change", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD: change", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BuildFilesAndMounts_Exist()
    {
        var dockerfiles = _compose.Services.Select(s => ComposeFile.Dockerfile(ComposeFile.Map(s.Value)))
            .OfType<string>()
            .Distinct()
            .ToList();

        Assert.Equal(2, dockerfiles.Count);
        Assert.All(dockerfiles, f => Assert.True(File.Exists(Repository.PathOf(f)), $"{f} is missing"));
        var init = ComposeFile.List(_compose.Service("mariadb")["volumes"])
            .Single(v => v.StartsWith("./", StringComparison.Ordinal)).Split(':')[0];
        Assert.NotEmpty(Directory.GetFiles(Repository.PathOf(init[2..]), "*.sh"));
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)[:?}-]")]
    private static partial Regex Variable();
}
