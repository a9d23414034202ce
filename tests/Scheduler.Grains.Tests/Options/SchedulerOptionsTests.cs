using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;

namespace Scheduler.Grains.Tests.Options;

public sealed class SchedulerOptionsTests
{
    private const string Users = "Scheduler:Schedules:users";

    [Theory]
    [InlineData(Users + ":Period", "00:00:00")]
    [InlineData(Users + ":Period", "-00:00:01")]
    [InlineData(Users + ":TickInterval", "00:00:00")]
    [InlineData(Users + ":TickInterval", "-00:00:02")]
    [InlineData(Users + ":LeaseDuration", "00:00:00")]
    [InlineData(Users + ":BackoffBase", "00:00:00")]
    [InlineData(Users + ":BackoffMax", "-00:05:00")]
    [InlineData(Users + ":BatchSize", "0")]
    [InlineData(Users + ":BatchSize", "10001")]
    [InlineData(Users + ":MaxAttempts", "0")]
    [InlineData(Users + ":MaxConcurrentBatches", "0")]
    [InlineData(Users + ":MaxRecordsPerSecond", "-1")]
    [InlineData(Users + ":MaxRecordsPerSecond", "0.2")]
    [InlineData(Users + ":Processor", "crm-sink")]
    [InlineData(Users + ":LeaseDuration", "00:00:02")]
    [InlineData(Users + ":BackoffMax", "00:00:01")]
    [InlineData("Scheduler:KeyPrefix", "my{prefix")]
    [InlineData("Simulated:Latency", "-00:00:01")]
    [InlineData("Simulated:FailureRate", "1.5")]
    public void Validate_OneBadSetting_FailsOnceNamingItsPath(string path, string value)
    {
        using var provider = SchedulerHost.Build((path, value));

        var failures = StartupFailures(provider);

        var failure = Assert.Single(failures);
        Assert.StartsWith(path + " ", failure, StringComparison.Ordinal);
        Assert.Contains(value, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Users + ":BatchSize", "many")]
    [InlineData(Users + ":TickInterval", "soon")]
    [InlineData(Users + ":MaxConcurrentBatches", "x")]
    [InlineData(Users + ":MaxRecordsPerSecond", "fast")]
    public void Options_ScheduleSettingOfTheWrongType_ThrowsNamingItsPath(string path, string value)
    {
        using var provider = SchedulerHost.Build((path, value), (Users + ":Processor", "simulated"));

        var error = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<IOptions<SchedulerOptions>>().Value);

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("00:02:00")]
    public void Validate_TickIntervalNotShorterThanPeriod_FailsOnceNamingTickInterval(string tick)
    {
        using var provider = SchedulerHost.Build((Users + ":Period", "00:01:00"), (Users + ":TickInterval", tick));

        var failure = Assert.Single(StartupFailures(provider));

        Assert.Equal($"{Users}:TickInterval must be shorter than {Users}:Period (was {tick} with Period 00:01:00).",
            failure);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("bad{name}")]
    public void Validate_BadScheduleName_FailsOnceNamingTheSchedule(string schedule)
    {
        using var provider = SchedulerHost.Build(($"Scheduler:Schedules:{schedule}:BatchSize", "100"));

        var failure = Assert.Single(StartupFailures(provider));

        Assert.StartsWith($"Scheduler:Schedules:{schedule} is not a valid schedule name", failure,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BatchSizeZero_SaysTheRangeAndTheValue()
    {
        using var provider = SchedulerHost.Build((Users + ":BatchSize", "0"));

        var failure = Assert.Single(StartupFailures(provider));

        Assert.Equal("Scheduler:Schedules:users:BatchSize must be between 1 and 10000 (was 0).", failure);
    }

    [Fact]
    public void Validate_UnknownProcessor_ListsTheKnownOnes()
    {
        using var provider = SchedulerHost.Build((Users + ":Processor", "crm-sink"));

        var failure = Assert.Single(StartupFailures(provider));

        Assert.Contains("noop, simulated", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsEach()
    {
        using var provider = SchedulerHost.Build((Users + ":BatchSize", "0"), (Users + ":MaxAttempts", "0"));

        Assert.Equal(2, StartupFailures(provider).Count);
    }

    [Fact]
    public void AddScheduler_BatchSizeInConfiguration_IsBound()
    {
        using var provider = SchedulerHost.Build((Users + ":BatchSize", "250"), (Users + ":Period", "00:30:00"));

        var users = provider.GetRequiredService<IOptions<SchedulerOptions>>().Value.Schedules["users"];

        Assert.Equal(250, users.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(30), users.Period);
        Assert.Equal(TimeSpan.FromSeconds(2), users.TickInterval);
    }

    [Fact]
    public void AddScheduler_EmptyConfiguration_RunsTheUsersScheduleWithDefaults()
    {
        using var provider = SchedulerHost.Build();

        var options = provider.GetRequiredService<IOptions<SchedulerOptions>>().Value;

        var (name, users) = Assert.Single(options.Schedules);
        Assert.Equal("users", name);
        Assert.Equal("sched", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromHours(1), users.Period);
        Assert.Equal(TimeSpan.FromSeconds(2), users.TickInterval);
        Assert.Equal(500, users.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(5), users.LeaseDuration);
        Assert.Equal(5, users.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), users.BackoffBase);
        Assert.Equal(TimeSpan.FromMinutes(5), users.BackoffMax);
        Assert.Equal(0, users.MaxRecordsPerSecond);
        Assert.Equal(200, users.MaxConcurrentBatches);
        Assert.Equal("noop", users.Processor);
        Assert.Empty(StartupFailures(provider));
    }

    [Fact]
    public void AddScheduler_OtherScheduleConfigured_RunsOnlyThatOne()
    {
        using var provider = SchedulerHost.Build(("Scheduler:Schedules:orders:Processor", "simulated"));

        var options = provider.GetRequiredService<IOptions<SchedulerOptions>>().Value;

        var (name, orders) = Assert.Single(options.Schedules);
        Assert.Equal("orders", name);
        Assert.Equal("simulated", orders.Processor);
    }

    [Fact]
    public void AddScheduler_SimulatedSection_IsBound()
    {
        using var provider = SchedulerHost.Build(
            ("Simulated:Latency", "00:00:00.250"),
            ("Simulated:FailureRate", "0.1"));

        var simulated = provider.GetRequiredService<IOptions<SimulatedProcessorOptions>>().Value;

        Assert.Equal(TimeSpan.FromMilliseconds(250), simulated.Latency);
        Assert.Equal(0.1, simulated.FailureRate);
    }

    [Fact]
    public void AddScheduler_NoTimeProvider_RegistersTheSystemClock()
    {
        using var provider = SchedulerHost.Build();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddScheduler_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var fake = new FakeTimeProvider();
        using var provider = SchedulerHost.Build(new Dictionary<string, string?>(),
            services => services.AddSingleton<TimeProvider>(fake));

        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void ToRetryPolicy_Settings_CarryOver()
    {
        var settings = new ScheduleOptions { MaxAttempts = 3, BackoffBase = TimeSpan.FromSeconds(1) };

        var policy = settings.ToRetryPolicy();

        Assert.Equal(new Ring.RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), policy);
    }

    // What a host's start-up validation reports: the failures of every options class validated on start.
    private static List<string> StartupFailures(ServiceProvider provider)
    {
        var exception = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return exception switch
        {
            null => [],
            OptionsValidationException single => [.. single.Failures],
            AggregateException many => [.. many.InnerExceptions.Cast<OptionsValidationException>()
                .SelectMany(e => e.Failures)],
            _ => throw new InvalidOperationException("Start-up validation threw an unexpected exception.", exception),
        };
    }
}
