using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Grains.Tests.Processors;

/// <summary>A processor whose <see cref="Name"/> differs from the name it is registered under.</summary>
internal sealed class MisnamedProcessor : IRecordProcessor
{
    public string Name => "something-else";

    public Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecordFailure>>([]);
}
