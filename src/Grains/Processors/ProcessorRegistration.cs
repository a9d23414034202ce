namespace Scheduler.Grains.Processors;

/// <summary>A processor added with <see cref="ProcessorServiceCollectionExtensions.AddRecordProcessor{T}"/>.</summary>
/// <param name="Name">The name schedules use to pick the processor.</param>
/// <param name="ProcessorType">The class registered under the name.</param>
internal sealed record ProcessorRegistration(string Name, Type ProcessorType);
