using Microsoft.Extensions.DependencyInjection;

namespace Scheduler.Grains.Processors;

/// <summary>Finds the processor a schedule names among those registered in dependency injection.</summary>
public sealed class ProcessorRegistry
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, Type> _types;

    internal ProcessorRegistry(IServiceProvider services, IEnumerable<ProcessorRegistration> registrations)
    {
        _services = services;
        _types = registrations.ToDictionary(r => r.Name, r => r.ProcessorType, StringComparer.Ordinal);
        Names = [.. _types.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The names of every registered processor, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether a processor is registered under <paramref name="name"/> (names are case-sensitive).</summary>
    public bool Contains(string name) => _types.ContainsKey(name);

    /// <summary>Returns the processor registered under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No processor has that name; the message lists the known
    /// ones.</exception>
    /// <exception cref="InvalidOperationException">The processor reports a name other than the one it is
    /// registered under.</exception>
    public IRecordProcessor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        if (!_types.TryGetValue(name, out var type))
        {
            throw new KeyNotFoundException(
                $"No processor is named \"{name}\". The known processors are: {string.Join(", ", Names)}. "
                + "Fix the schedule's Processor setting or register the processor with AddRecordProcessor.");
        }

        var processor = (IRecordProcessor)_services.GetRequiredService(type);

        // A mismatch would make logs and status report one processor while another one runs.
        if (!string.Equals(processor.Name, name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The processor {type.FullName} is registered as \"{name}\" but names itself \"{processor.Name}\". "
                + "Register it under the name its Name property returns.");
        }

        return processor;
    }
}
