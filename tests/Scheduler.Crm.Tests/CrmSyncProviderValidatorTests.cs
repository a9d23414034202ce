namespace Scheduler.Crm.Tests;

public sealed class CrmSyncProviderValidatorTests
{
    private readonly CrmSyncOptionsValidator _validator = new();

    [Fact]
    public void Validate_UnknownProvider_NamesTheSetting()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            Provider = "postgres",
            LegacyConnectionString = "Server=legacy;Database=crm",
            TargetConnectionString = "Server=target;Database=app",
        });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("CrmSync:Provider", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public void Validate_SqliteFiles_Succeed(string provider)
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            Provider = provider,
            LegacyConnectionString = "Data Source=/tmp/legacy.db",
            TargetConnectionString = "Data Source=/tmp/target.db;Cache=Shared",
        });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_SqliteMemoryAndBadKeyword_NamesBothSettingsWithoutEcho()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            Provider = CrmSyncOptions.SqliteProvider,
            LegacyConnectionString = "Data Source=:memory:",
            TargetConnectionString = "Data Source=/tmp/t.db;Password=secret;NoSuchKey=1",
        });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Legacy", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Target", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MySqlProviderWithSqliteStrings_FailsAsBefore()
    {
        var result = _validator.Validate(null, new CrmSyncOptions
        {
            LegacyConnectionString = "Data Source=/tmp/legacy.db;Mode=ReadOnly",
            TargetConnectionString = "Server=target;Database=app",
        });

        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Legacy", StringComparison.Ordinal));
    }
}
