using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Grains.Tests.Processors;

/// <summary>A user's own processor (SPEC.md section 6): it fails every id that has a capital letter.</summary>
internal sealed class UppercaseCheckProcessor : IRecordProcessor
{
    public const string ProcessorName = "test-uppercase-check";

    public string Name => ProcessorName;

    public Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<RecordFailure> failures =
        [
            .. ids.Where(id => id.Any(char.IsUpper)).Select(id => new RecordFailure(id, "Capital letter.")),
        ];
        return Task.FromResult(failures);
    }
}
