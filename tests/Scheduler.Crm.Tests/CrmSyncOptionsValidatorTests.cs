namespace Scheduler.Crm.Tests;

public sealed class CrmSyncOptionsValidatorTests
{
    private readonly CrmSyncOptionsValidator _validator = new();

    [Fact]
    public void Validate_ConnectionStringsMissing_NamesBothSettings()
    {
        var result = _validator.Validate(null, new CrmSyncOptions());

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Legacy", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Target", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadConnectionStringWithPassword_DoesNotEchoIt()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            LegacyConnectionString = "Server=x;Password=secret;NoSuchKey=1",
            TargetConnectionString = "Server=x",
        });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("ConnectionStrings:Legacy", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTunings_NamesEachSetting()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            LegacyConnectionString = "Server=x",
            TargetConnectionString = "Server=y",
            CommandTimeout = TimeSpan.Zero,
            WatermarkSafetyMargin = TimeSpan.FromSeconds(-1),
            UpsertRowsPerStatement = 0,
        });

        Assert.Equal(3, result.Failures!.Count());
        string[] settings =
            ["CrmSync:CommandTimeout", "CrmSync:WatermarkSafetyMargin", "CrmSync:UpsertRowsPerStatement"];
        Assert.All(settings, setting =>
            Assert.Contains(result.Failures!, f => f.StartsWith(setting, StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            LegacyConnectionString = "Server=legacy;Database=crm",
            TargetConnectionString = "Server=target;Database=app",
        });

        Assert.True(result.Succeeded);
    }
}
