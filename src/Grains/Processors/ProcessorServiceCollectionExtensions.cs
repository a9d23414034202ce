using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Scheduler.Grains.Processors;

/// <summary>Registers record processors.</summary>
public static class ProcessorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton processor named <paramref name="name"/>, which schedules
    /// pick with their <c>Processor</c> setting. Registering the same type under the same name again changes
    /// nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another type is already registered under
    /// <paramref name="name"/>.</exception>
    public static IServiceCollection AddRecordProcessor<T>(this IServiceCollection services, string name)
        where T : class, IRecordProcessor
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var existing = services
            .Select(d => d.ImplementationInstance)
            .OfType<ProcessorRegistration>()
            .FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
        if (existing is not null)
        {
            if (existing.ProcessorType == typeof(T))
            {
                return services;
            }

            throw new InvalidOperationException(
                $"The processor name \"{name}\" is already taken by {existing.ProcessorType.FullName}; "
                + $"register {typeof(T).FullName} under another name.");
        }

        services.TryAddSingleton<T>();
        services.AddSingleton(new ProcessorRegistration(name, typeof(T)));
        services.TryAddSingleton(sp => new ProcessorRegistry(sp, sp.GetServices<ProcessorRegistration>()));
        return services;
    }
}
