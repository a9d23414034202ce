using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

/// <summary>
/// Random sequences of enrol, remove, claim, acknowledge, fail, lease expiry, refresh-now and re-queue, run
/// against the real server and checked after every step against <see cref="RingModel"/>.
/// </summary>
public abstract class RingModelTests(IRedisEndpoint endpoint) : RingTestBase(endpoint)
{
    private const int Sequences = 300;
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(10);

    private static readonly Gen<string[]> SomeIds = Gen.Int[0, 11].Select(i => $"u{i}").Array[1, 4];

    private static readonly Gen<RingOperation> Operation = Gen.Frequency(
        (3, SomeIds.Select(ids => new RingOperation(OperationKind.Enrol, ids, 0, 0))),
        (1, SomeIds.Select(ids => new RingOperation(OperationKind.Remove, ids, 0, 0))),
        (6, Gen.Select(Gen.Int[1, 8], Gen.Int[1, 3],
            (max, size) => new RingOperation(OperationKind.Claim, [], max, size))),
        (4, Gen.Int[0, 50].Select(pick => new RingOperation(OperationKind.Acknowledge, [], pick, 0))),
        (2, Gen.Select(Gen.Int[0, 50], Gen.Int[1, 7],
            (pick, mask) => new RingOperation(OperationKind.Fail, [], pick, mask))),
        (2, Gen.OneOf(100, 1000, 2500, 11_000).Select(ms => new RingOperation(OperationKind.Advance, [], ms, 0))),
        (1, SomeIds.Select(ids => new RingOperation(OperationKind.RefreshNow, ids, 0, 0))),
        (1, Gen.Frequency((1, Gen.Const(Array.Empty<string>())), (2, SomeIds))
            .Select(ids => new RingOperation(OperationKind.Requeue, ids, 0, 0))));

    private static readonly Gen<(string[] Initial, RingOperation[] Steps)> Sequence =
        Gen.Select(Gen.Int[0, 11].Select(i => $"u{i}").Array[1, 8], Operation.Array[5, 40]);

    [Fact]
    public async Task RandomSequences_MatchTheModelAfterEveryStep()
    {
        await Sequence.SampleAsync(
            async sequence => await RunAsync(sequence.Initial, sequence.Steps),
            iter: Sequences,
            threads: 1,
            print: s => $"initial [{string.Join(",", s.Initial)}], steps: {string.Join(" ; ", s.Steps)}");
    }

    private async Task RunAsync(string[] initial, RingOperation[] steps)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ring = new ScheduleRing(Database, $"model-{Guid.NewGuid():N}", "test", time);
        var model = new RingModel(Policy);

        model.Enrolled(initial, await ring.EnrolAsync(initial));
        model.BeginFirstCycle();
        foreach (var step in steps)
        {
            await ApplyAsync(ring, model, time, step);
            model.Matches(await ring.GetCountsAsync(), await ring.VerifyAsync());
        }

        await DrainAsync(ring, model, time);
    }

    private static async Task ApplyAsync(ScheduleRing ring, RingModel model, FakeTimeProvider time, RingOperation step)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        switch (step.Kind)
        {
            case OperationKind.Enrol:
                model.Enrolled(step.Ids, await ring.EnrolAsync(step.Ids));
                break;

            case OperationKind.Remove:
                model.Removed(step.Ids, await ring.RemoveAsync(step.Ids));
                break;

            case OperationKind.Claim:
                model.Claimed(await ring.ClaimAsync(new ClaimRequest(step.First, step.Second, ShortLease)), now);
                break;

            case OperationKind.Acknowledge when model.Batches.Count > 0:
                var acked = model.Batches[step.First % model.Batches.Count];
                model.Completed(acked, [], await ring.CompleteAsync(acked, [], Policy), now);
                break;

            case OperationKind.Fail when model.Batches.Count > 0:
                var batch = model.Batches[step.First % model.Batches.Count];
                var failed = model.IdsOf(batch).Where((_, i) => (step.Second & (1 << (i % 3))) != 0).ToArray();
                var failures = failed.Select(id => new RecordFailure(id, "simulated failure")).ToList();
                model.Completed(batch, failed, await ring.CompleteAsync(batch, failures, Policy), now);
                break;

            case OperationKind.Advance:
                time.Advance(TimeSpan.FromMilliseconds(step.First));
                break;

            case OperationKind.RefreshNow:
                model.RefreshRequested(step.Ids, await ring.RefreshNowAsync(step.Ids));
                break;

            case OperationKind.Requeue:
                model.Requeued(step.Ids, await ring.RequeueParkedAsync(step.Ids));
                break;
        }
    }

    // Nothing lost: once every lease has run out and every batch is acknowledged, two full cycles bring every
    // enrolled id that is not parked round again.
    private static async Task DrainAsync(ScheduleRing ring, RingModel model, FakeTimeProvider time)
    {
        var claimed = new HashSet<string>();
        var before = model.CyclesCompleted;
        for (var guard = 0; model.CyclesCompleted < before + 2; guard++)
        {
            if (guard > 1000)
            {
                throw new InvalidOperationException("Draining never completed two cycles.");
            }

            time.Advance(TimeSpan.FromSeconds(11));
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var result = await ring.ClaimAsync(new ClaimRequest(5, 2, ShortLease));
            model.Claimed(result, now);
            foreach (var batch in result.Batches)
            {
                claimed.UnionWith(batch.Ids);
                model.Completed(batch.Id, [], await ring.CompleteAsync(batch.Id, [], Policy), now);
            }
        }

        var missing = model.Members.Except(model.Parked).Except(claimed).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Never claimed again after draining: {string.Join(",", missing)}");
        }
    }
}
