using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;
using Scheduler.Grains.Tests.Options;

namespace Scheduler.Grains.Tests.Processors;

public sealed class ProcessorRegistryTests
{
    [Fact]
    public void Get_BuiltInNames_ResolveTheBuiltInProcessors()
    {
        using var provider = SchedulerHost.Build();
        var registry = provider.GetRequiredService<ProcessorRegistry>();

        Assert.IsType<NoopProcessor>(registry.Get("noop"));
        Assert.IsType<SimulatedProcessor>(registry.Get("simulated"));
        Assert.Equal(["noop", "simulated"], registry.Names);
    }

    [Fact]
    public async Task Get_CustomProcessor_ResolvesAndRuns()
    {
        using var provider = BuildWithCustom();
        var registry = provider.GetRequiredService<ProcessorRegistry>();

        var processor = registry.Get(UppercaseCheckProcessor.ProcessorName);
        var failures = await processor.ProcessAsync("users", ["a1", "B2"], CancellationToken.None);

        Assert.Equal("B2", Assert.Single(failures).Id);
        Assert.Same(processor, registry.Get(UppercaseCheckProcessor.ProcessorName));
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheKnownNames()
    {
        using var provider = BuildWithCustom();
        var registry = provider.GetRequiredService<ProcessorRegistry>();

        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("crm-sink"));

        Assert.Contains("\"crm-sink\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("noop, simulated, test-uppercase-check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ProcessorNamingItselfDifferently_Throws()
    {
        using var provider = SchedulerHost.Build(new Dictionary<string, string?>(),
            services => services.AddRecordProcessor<MisnamedProcessor>("test-misnamed"));
        var registry = provider.GetRequiredService<ProcessorRegistry>();

        var error = Assert.Throws<InvalidOperationException>(() => registry.Get("test-misnamed"));

        Assert.Contains("something-else", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecordProcessor_NameTakenByAnotherType_Throws()
    {
        var services = new ServiceCollection().AddRecordProcessor<NoopProcessor>("noop");

        Assert.Throws<InvalidOperationException>(() => services.AddRecordProcessor<UppercaseCheckProcessor>("noop"));
    }

    [Fact]
    public void AddRecordProcessor_SameRegistrationTwice_RegistersOnce()
    {
        using var provider = SchedulerHost.Build(new Dictionary<string, string?>(), services => services
            .AddRecordProcessor<UppercaseCheckProcessor>(UppercaseCheckProcessor.ProcessorName)
            .AddRecordProcessor<UppercaseCheckProcessor>(UppercaseCheckProcessor.ProcessorName));

        Assert.Equal(3, provider.GetRequiredService<ProcessorRegistry>().Names.Count);
    }

    [Fact]
    public void Validate_ScheduleNamingACustomProcessor_Passes()
    {
        using var provider = BuildWithCustom(
            ("Scheduler:Schedules:users:Processor", UppercaseCheckProcessor.ProcessorName));

        var options = provider.GetRequiredService<IOptions<SchedulerOptions>>().Value;

        Assert.Equal(UppercaseCheckProcessor.ProcessorName, options.Schedules["users"].Processor);
    }

    [Fact]
    public async Task ProcessAsync_Noop_ReportsNoFailures()
    {
        var failures = await new NoopProcessor().ProcessAsync("users", ["1", "2"], CancellationToken.None);

        Assert.Empty(failures);
    }

    private static ServiceProvider BuildWithCustom(params (string Key, string Value)[] settings) =>
        SchedulerHost.Build(settings.ToDictionary(s => s.Key, s => (string?)s.Value),
            services => services.AddRecordProcessor<UppercaseCheckProcessor>(UppercaseCheckProcessor.ProcessorName));
}
