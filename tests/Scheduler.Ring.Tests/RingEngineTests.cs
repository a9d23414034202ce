using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Ring.Tests;

/// <summary>
/// One test per operation of the ring engine. The same tests run against Redis and Garnet through the two
/// derived classes, since the product must run unchanged on both.
/// </summary>
public abstract class RingEngineTests(IRedisEndpoint endpoint) : RingTestBase(endpoint)
{
    [Fact]
    public async Task Enrol_NewAndRepeatedIds_CountsEachOnce()
    {
        var ring = NewRing();

        var first = await ring.EnrolAsync(["a", "b", "c"]);
        var second = await ring.EnrolAsync(["b", "c", "d", "d"]);

        Assert.Equal(new EnrolResult(3, 0), first);
        Assert.Equal(new EnrolResult(1, 3), second);
        var check = await ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(4, check.Enrolled);
        Assert.Equal(4, check.RingEntries);
    }

    [Fact]
    public async Task Enrol_AlreadyEnrolledIds_ChangesNothing()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(50));
        await RunCycleAsync(ring, maxIds: 20, batchSize: 7);
        var before = await ring.GetCountsAsync();
        var ringBefore = await Database.ListRangeAsync(ring.Keys.Ring);

        var again = await ring.EnrolAsync(Ids(50));

        Assert.Equal(new EnrolResult(0, 50), again);
        Assert.Equal(before, await ring.GetCountsAsync());
        Assert.Equal(ringBefore, await Database.ListRangeAsync(ring.Keys.Ring));
    }

    [Fact]
    public async Task Enrol_ManyIds_GoesInChunksAndKeepsEveryIdOnce()
    {
        var ring = NewRing();
        var ids = Ids((ScheduleRing.ChunkSize * 3) + 17);

        var result = await ring.EnrolAsync(ids);

        Assert.Equal(ids.Length, result.Added);
        var check = await ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(ids.Length, check.Enrolled);
    }

    public static TheoryData<string, string> BadIds => new()
    {
        { "", "is empty" },
        { new string('x', 513), "more than the limit of 512" },
        { new string('x', 600), "more than the limit of 512" },
        { new string('é', 257), "more than the limit of 512" },
        { "with space", "whitespace" },
        { "tab\there", "control character" },
        { "line\nbreak", "control character" },
        { "nul\0byte", "control character" },
        { "bell\u0007", "control character" },
        { "nbsp\u00a0x", "whitespace" },
        { "<cycle marker>", "whitespace" },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Enrol_BadIdAmongGoodOnes_RejectsTheWholeCallAndWritesNothing(string bad, string reason)
    {
        var ring = NewRing();
        var ids = Ids(10).Append(bad).Concat(Ids(5, "more")).ToArray();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ring.EnrolAsync(ids));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("index 10", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await KeyCountAsync(ring));
    }

    // Kept out of the theory above: xunit would turn the lone surrogate into U+FFFD on its way to the test.
    [Fact]
    public async Task Enrol_IdWithALoneSurrogate_IsRejectedAsInvalidUtf8()
    {
        var ring = NewRing();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ring.EnrolAsync(["ok", "lone\ud800x"]));

        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await KeyCountAsync(ring));
    }

    [Fact]
    public async Task Enrol_LongestValidId_IsAccepted()
    {
        var ring = NewRing();
        var longest = new string('é', 256);

        var result = await ring.EnrolAsync([longest, "ok-😀"]);

        Assert.Equal(2, result.Added);
    }

    [Fact]
    public async Task Claim_FullRotation_ClaimsEveryIdOnceThenEndsTheCycle()
    {
        var ring = NewRing();
        var ids = Ids(1000);
        await ring.EnrolAsync(ids);

        var claimed = await RunCycleAsync(ring, maxIds: 300, batchSize: 64);

        Assert.Equal(ids.Order(), claimed.Order());
        var counts = await ring.GetCountsAsync();
        Assert.Equal(2, counts.Cycle);
        Assert.Equal(0, counts.InFlight);
        Assert.Equal(1000, counts.Processed);
    }

    [Fact]
    public async Task Claim_MillionIdsFullRotation_ClaimsEveryIdExactlyOnce()
    {
        const int Count = 1_000_000;
        var ring = NewRing();
        await ring.EnrolAsync(Ids(Count, ""));

        var times = new int[Count];
        var cycleEnded = false;
        while (!cycleEnded)
        {
            var claim = await ring.ClaimAsync(Claim(20_000, 5_000));
            await Task.WhenAll(claim.Batches.Select(b => ring.AcknowledgeAsync(b.Id)));
            foreach (var id in claim.Batches.SelectMany(b => b.Ids))
            {
                times[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)]++;
            }

            cycleEnded = claim.CycleEnded;
        }

        Assert.All(times, t => Assert.Equal(1, t));
        var check = await ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.RingEntries);
        await Database.KeyDeleteAsync([ring.Keys.Ring, ring.Keys.Members]);
    }

    [Fact]
    public async Task Claim_ReachingTheMarker_StopsThereAndTheNextClaimStartsTheNextCycle()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(10));

        var first = await ring.ClaimAsync(Claim(25, 4));
        var second = await ring.ClaimAsync(Claim(25, 4));

        Assert.True(first.CycleEnded);
        Assert.Equal(10, first.Count);
        Assert.Equal(2, first.Cycle);
        Assert.Equal([4, 4, 2], first.Batches.Select(b => b.Ids.Count));

        // Every id is still leased, so the second cycle's pass skips them all and ends at once.
        Assert.True(second.CycleEnded);
        Assert.Equal(0, second.Count);
        Assert.True((await ring.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Claim_SecondCycle_ClaimsEveryIdAgainInTheSameOrder()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(200));

        var first = await RunCycleAsync(ring, maxIds: 50, batchSize: 10);
        var second = await RunCycleAsync(ring, maxIds: 70, batchSize: 9);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Enrol_DuringACycle_NewIdIsClaimedInTheSameCycle()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(100));
        var part = await ring.ClaimAsync(Claim(40));

        await ring.EnrolAsync(["late"]);
        var rest = await RunCycleAsync(ring, maxIds: 1000);

        Assert.False(part.CycleEnded);
        Assert.Contains("late", rest);
        Assert.Equal(61, rest.Count);
    }

    [Fact]
    public async Task Remove_EnrolledId_IsNeverClaimedAgainAndTheRingHealsItself()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(20));

        var removed = await ring.RemoveAsync(["id3", "id7", "not-enrolled"]);
        var staleBefore = (await ring.VerifyAsync()).Stale;
        var claimed = await RunCycleAsync(ring);
        var after = await ring.VerifyAsync();

        Assert.Equal(2, removed);
        Assert.Equal(2, staleBefore);
        Assert.DoesNotContain("id3", claimed);
        Assert.DoesNotContain("id7", claimed);
        Assert.Equal(18, claimed.Count);
        Assert.True(after.Ok);
        Assert.Equal(0, after.Stale);
        Assert.Equal(18, after.RingEntries);
    }

    [Fact]
    public async Task Remove_ThenEnrolAgainBeforeAnyClaim_KeepsExactlyOneRingEntry()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(5));

        await ring.RemoveAsync(["id2"]);
        await ring.RemoveAsync(["id2"]);
        var readded = await ring.EnrolAsync(["id2"]);
        var claimed = await RunCycleAsync(ring);

        Assert.Equal(1, readded.Added);
        Assert.Single(claimed, id => id == "id2");
        var check = await ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(5, check.RingEntries);
    }

    [Fact]
    public async Task Remove_IdInFlight_ItsAcknowledgementIsIgnored()
    {
        var ring = NewRing();
        await ring.EnrolAsync(["a", "b"]);
        var claim = await ring.ClaimAsync(Claim(10));

        await ring.RemoveAsync(["a"]);
        var completion = await ring.AcknowledgeAsync(claim.Batches[0].Id);

        Assert.Equal(1, completion.Processed);
        Assert.Equal(0, (await ring.GetCountsAsync()).InFlight);
    }

    [Fact]
    public async Task Claim_IdStillInFlightWhenTheRingComesRound_IsNotLeasedTwice()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(10));
        var held = await ring.ClaimAsync(Claim(3));

        var rest = await RunCycleAsync(ring);
        var next = await RunCycleAsync(ring);

        var heldIds = held.Batches.SelectMany(b => b.Ids).ToHashSet();
        Assert.Equal(7, rest.Count);
        Assert.Empty(next.Intersect(heldIds));
        Assert.Equal(7, next.Count);
    }

    [Fact]
    public async Task Claim_AfterALeaseRunsOut_HandsTheBatchOutAgainBeforeNewIds()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(10));
        var lost = await ring.ClaimAsync(Claim(4, 4));

        Time.Advance(Lease + TimeSpan.FromMilliseconds(1));
        var again = await ring.ClaimAsync(Claim(6, 4));

        Assert.Equal(4, again.ReLeased);
        Assert.Equal(lost.Batches[0].Ids, again.Batches[0].Ids);
        Assert.NotEqual(lost.Batches[0].Id, again.Batches[0].Id);
        Assert.Equal(2, again.Batches[1].Ids.Count);
        Assert.True((await ring.AcknowledgeAsync(lost.Batches[0].Id)).Stale);
        Assert.Equal(4, (await ring.AcknowledgeAsync(again.Batches[0].Id)).Processed);
    }

    [Fact]
    public async Task Claim_WithoutTheRing_ServesExpiredLeasesRetriesAndThePriorityLaneOnly()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await ring.EnrolAsync(Ids(10));
        var first = await ring.ClaimAsync(Claim(3, 1));
        await ring.CompleteAsync(first.Batches[1].Id, [new RecordFailure(first.Batches[1].Ids[0], "x")], policy);
        await ring.RefreshNowAsync(["id0"]);
        var before = await ring.GetCountsAsync();

        Time.Advance(Lease);
        var between = await ring.ClaimAsync(Claim(100) with { IncludeRing = false });
        var after = await ring.GetCountsAsync();

        var expected = new[] { first.Batches[0].Ids[0], first.Batches[1].Ids[0], first.Batches[2].Ids[0], "id0" };
        Assert.Equal(expected.Order(), between.Batches.SelectMany(b => b.Ids).Order());
        Assert.False(between.CycleEnded);
        Assert.Equal(before.ClaimedThisCycle, after.ClaimedThisCycle);
        Assert.Equal(before.Cycle, after.Cycle);
    }

    [Fact]
    public async Task Claim_BeforeTheLeaseRunsOut_DoesNotHandTheBatchOutAgain()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(3));
        await ring.ClaimAsync(Claim(3));

        Time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        var again = await ring.ClaimAsync(Claim(10));

        Assert.Equal(0, again.Count);
    }

    [Fact]
    public async Task Complete_FailedIds_AreRetriedAfterBackoffThenParkedAfterMaxAttempts()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        await ring.EnrolAsync(["good", "bad"]);
        var attempt = await ring.ClaimAsync(Claim(10));
        var outcomes = new List<CompletionResult>();

        for (var i = 0; i < 3; i++)
        {
            var batch = attempt.Batches.Single();
            outcomes.Add(await ring.CompleteAsync(batch.Id, [new RecordFailure("bad", $"boom {i}")], policy));

            // Before its backoff ends the failed id is not handed out, whatever else is claimed.
            var early = await RunCycleAsync(ring);
            Assert.DoesNotContain("bad", early);
            if (i < 2)
            {
                Time.Advance(TimeSpan.FromSeconds(1 << i));
                attempt = await ring.ClaimAsync(Claim(1));
                Assert.Equal(["bad"], attempt.Batches.Single().Ids);
            }
        }

        Assert.Equal(new CompletionResult(1, 1, 0, false), outcomes[0]);
        Assert.Equal(new CompletionResult(0, 1, 0, false), outcomes[1]);
        Assert.Equal(new CompletionResult(0, 0, 1, false), outcomes[2]);
        Assert.Equal([new ParkedRecord("bad", "boom 2")], await ring.ListParkedAsync());
        var counts = await ring.GetCountsAsync();
        Assert.Equal(1, counts.Parked);
        Assert.Equal(0, counts.InFlight);
    }

    [Fact]
    public async Task Complete_PermanentFailure_ParksTheIdAtOnce()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        await ring.EnrolAsync(["gone", "flaky"]);
        var claim = await ring.ClaimAsync(Claim(10));

        var outcome = await ring.CompleteAsync(claim.Batches[0].Id,
            [new RecordFailure("gone", "no such user", Permanent: true), new RecordFailure("flaky", "timeout")],
            policy);

        Assert.Equal(new CompletionResult(0, 1, 1, false), outcome);
        Assert.Equal([new ParkedRecord("gone", "no such user")], await ring.ListParkedAsync());
    }

    [Fact]
    public async Task Claim_ParkedId_IsSkippedByTheRingButStaysEnrolled()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero);
        await ring.EnrolAsync(["poison", "fine"]);
        var claim = await ring.ClaimAsync(Claim(10));
        await ring.CompleteAsync(claim.Batches[0].Id, [new RecordFailure("poison", "always fails")], policy);

        var next = await RunCycleAsync(ring);
        var check = await ring.VerifyAsync();

        Assert.Equal(["fine"], next);
        Assert.True(check.Ok);
        Assert.Equal(2, check.Enrolled);
    }

    [Fact]
    public async Task RequeueParked_SomeOrAll_PutsThemOnThePriorityLane()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero);
        await ring.EnrolAsync(["p1", "p2", "p3", "ok"]);
        var claim = await ring.ClaimAsync(Claim(10));
        RecordFailure[] failures = [new("p1", "e1"), new("p2", "e2"), new("p3", "e3")];
        await ring.CompleteAsync(claim.Batches[0].Id, failures, policy);

        var one = await ring.RequeueParkedAsync(["p2", "ok"]);
        var afterOne = await ring.ListParkedAsync();
        var rest = await ring.RequeueParkedAsync([]);
        var next = await ring.ClaimAsync(Claim(3));

        Assert.Equal(1, one);
        Assert.Equal(["p1", "p3"], afterOne.Select(p => p.Id).Order());
        Assert.Equal(2, rest);
        Assert.Empty(await ring.ListParkedAsync());
        Assert.Equal(["p1", "p2", "p3"], next.Batches.SelectMany(b => b.Ids).Order());
    }

    [Fact]
    public async Task Complete_SuccessAfterAFailure_ResetsTheAttemptCount()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(2, TimeSpan.Zero, TimeSpan.Zero);
        await ring.EnrolAsync(["flaky"]);

        var outcomes = new List<CompletionResult>();
        foreach (var fails in new[] { true, false, true, false })
        {
            var batch = (await ring.ClaimAsync(Claim(1))).Batches.Single();
            RecordFailure[] failures = fails ? [new("flaky", "timeout")] : [];
            outcomes.Add(await ring.CompleteAsync(batch.Id, failures, policy));
            if (!fails)
            {
                await RunCycleAsync(ring);
            }
        }

        Assert.All(outcomes, o => Assert.Equal(0, o.Parked));
        Assert.Empty(await ring.ListParkedAsync());
    }

    [Fact]
    public async Task RefreshNow_EnrolledId_IsClaimedFirstAndSkippedByTheRingThisCycle()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(20));

        var queued = await ring.RefreshNowAsync(["id15", "id15", "unknown"]);
        var first = await ring.ClaimAsync(Claim(1));
        await ring.AcknowledgeAsync(first.Batches[0].Id);
        var rest = await RunCycleAsync(ring);
        var nextCycle = await RunCycleAsync(ring);

        Assert.Equal(2, queued);
        Assert.Equal(["id15"], first.Batches[0].Ids);
        Assert.Equal(19, rest.Count);
        Assert.DoesNotContain("id15", rest);
        Assert.Contains("id15", nextCycle);
        Assert.Equal(20, nextCycle.Count);
    }

    [Fact]
    public async Task RefreshNow_AfterTheRingPassedTheId_RefreshesItAgainAndNextCycleStillIncludesIt()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(10));
        var part = await ring.ClaimAsync(Claim(10));
        foreach (var batch in part.Batches)
        {
            await ring.AcknowledgeAsync(batch.Id);
        }

        await ring.RefreshNowAsync(["id0"]);
        var now = await ring.ClaimAsync(Claim(1));
        await ring.AcknowledgeAsync(now.Batches[0].Id);
        var endOfCycle = await RunCycleAsync(ring);
        var next = await RunCycleAsync(ring);

        Assert.Equal(["id0"], now.Batches[0].Ids);
        Assert.Empty(endOfCycle);
        Assert.Contains("id0", next);
        Assert.Equal(10, next.Count);
    }

    [Fact]
    public async Task Pause_StopsClaims_AndResumeRestartsThem()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(5));

        await ring.PauseAsync();
        var paused = await ring.ClaimAsync(Claim(10));
        var pausedCounts = await ring.GetCountsAsync();
        await ring.ResumeAsync();
        var resumed = await ring.ClaimAsync(Claim(10));

        Assert.Equal(0, paused.Count);
        Assert.True(pausedCounts.Paused);
        Assert.Equal(5, resumed.Count);
        Assert.False((await ring.GetCountsAsync()).Paused);
    }

    [Fact]
    public async Task GetCounts_MidCycle_ReportsEveryCount()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(30));
        var claim = await ring.ClaimAsync(Claim(12, 5));
        await ring.AcknowledgeAsync(claim.Batches[0].Id);
        await ring.RefreshNowAsync(["id29"]);

        var counts = await ring.GetCountsAsync();

        Assert.Equal(30, counts.Enrolled);
        Assert.Equal(30, counts.RingEntries);
        Assert.Equal(7, counts.InFlight);
        Assert.Equal(2, counts.LeasedBatches);
        Assert.Equal(1, counts.Priority);
        Assert.Equal(1, counts.Cycle);
        Assert.Equal(12, counts.ClaimedThisCycle);
        Assert.Equal(5, counts.Processed);
        Assert.Equal(Time.GetUtcNow(), counts.CycleStartedAt);
        Assert.Null(counts.LastCycleEndedAt);
    }

    [Fact]
    public async Task GetCounts_AfterALeaseExpires_CountsOnlyLiveLeases()
    {
        // An expired lease holds no worker; counting it would keep the coordinator from the claim that reissues it.
        var ring = NewRing();
        await ring.EnrolAsync(Ids(10));
        await ring.ClaimAsync(Claim(5, 5));
        Time.Advance(Lease / 2);
        await ring.ClaimAsync(Claim(5, 5));

        Time.Advance(Lease / 2 + TimeSpan.FromMilliseconds(1));
        var counts = await ring.GetCountsAsync();

        Assert.Equal(1, counts.LeasedBatches);
        Assert.Equal(10, counts.InFlight);
    }

    [Fact]
    public async Task Complete_NamingTheWorker_CountsWhatEachWorkerRefreshed()
    {
        var ring = NewRing();
        var policy = new RetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero);
        await ring.EnrolAsync(Ids(10));
        var claim = await ring.ClaimAsync(Claim(10, 4));

        await ring.AcknowledgeAsync(claim.Batches[0].Id, "silo-a");
        RecordFailure[] failures = [new(claim.Batches[1].Ids[0], "x")];
        await ring.CompleteAsync(claim.Batches[1].Id, failures, policy, "silo-b");
        await ring.AcknowledgeAsync(claim.Batches[2].Id, "silo-a");
        await ring.AcknowledgeAsync(claim.Batches[2].Id, "silo-a");

        var perWorker = await ring.GetProcessedByWorkerAsync();

        Assert.Equal(6, perWorker["silo-a"]);
        Assert.Equal(3, perWorker["silo-b"]);
    }

    [Fact]
    public async Task ForceCycle_MarksTheCurrentCycleUntilItEnds()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(4));
        var startedAt = Time.GetUtcNow();

        var forced = await ring.ForceCycleAsync();
        await ring.ClaimAsync(Claim(2));
        var during = await ring.GetCountsAsync();
        Time.Advance(TimeSpan.FromSeconds(3));
        await RunCycleAsync(ring);
        var after = await ring.GetCountsAsync();

        Assert.Equal(1, forced);
        Assert.True(during.Forced);
        Assert.False(after.Forced);
        Assert.Equal(2, after.Cycle);
        Assert.Equal(startedAt, after.LastCycleStartedAt);
        Assert.Equal(startedAt.AddSeconds(3), after.LastCycleEndedAt);
        Assert.Null(after.CycleStartedAt);
    }

    [Fact]
    public async Task Claim_AfterScriptFlush_LoadsTheScriptsAgain()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(5));

        await Endpoint.Connection.GetServers()[0].ScriptFlushAsync();
        var claim = await ring.ClaimAsync(Claim(10));

        Assert.Equal(5, claim.Count);
    }

    [Fact]
    public async Task Verify_TamperedRing_ReportsEveryKindOfProblem()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(6));

        await Database.ListRemoveAsync(ring.Keys.Ring, "id1");
        await Database.ListRightPushAsync(ring.Keys.Ring, ["id2", "stranger", RingKeys.CycleMarker]);
        var check = await ring.VerifyAsync();

        Assert.False(check.Ok);
        Assert.Equal(1, check.Missing);
        Assert.Equal(1, check.Duplicated);
        Assert.Equal(1, check.Foreign);
        Assert.Equal(2, check.Markers);
        Assert.Contains("missing: id1", check.Examples);
    }

    [Fact]
    public async Task Repair_TamperedRing_FixesEveryProblemAndVerifyPasses()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(6));
        await ring.RemoveAsync(["id5"]);

        await Database.ListRemoveAsync(ring.Keys.Ring, "id1");
        await Database.ListRightPushAsync(ring.Keys.Ring, ["id2", "stranger", RingKeys.CycleMarker]);
        var repair = await ring.RepairAsync();
        var check = await ring.VerifyAsync();

        Assert.Equal(new RepairResult(1, 1, 1, 0, 1), repair);
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(1, check.Stale);
        Assert.Equal("id1", (string?)await Database.ListGetByIndexAsync(ring.Keys.Ring, 0));
    }

    [Fact]
    public async Task Repair_MissingMarker_AddsOneAtTheTailAndTheCycleEnds()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(5));
        await Database.ListRemoveAsync(ring.Keys.Ring, RingKeys.CycleMarker);

        var repair = await ring.RepairAsync();
        var claimed = await RunCycleAsync(ring);

        Assert.Equal(new RepairResult(0, 0, 0, 1, 0), repair);
        Assert.Equal(RingKeys.CycleMarker, (string?)await Database.ListGetByIndexAsync(ring.Keys.Ring, -1));
        Assert.Equal(Ids(5).Order(), claimed.Order());
    }

    [Fact]
    public async Task Repair_ConsistentRing_ChangesNothing()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(50));
        await ring.ClaimAsync(Claim(20, 7));
        var before = await Database.ListRangeAsync(ring.Keys.Ring);

        var repair = await ring.RepairAsync();

        Assert.True(repair.NothingToRepair);
        Assert.Equal(before, await Database.ListRangeAsync(ring.Keys.Ring));
    }

    [Fact]
    public async Task Repair_UnusedSchedule_CreatesNoRing()
    {
        var ring = NewRing();

        var repair = await ring.RepairAsync();

        Assert.True(repair.NothingToRepair);
        Assert.False(await Database.KeyExistsAsync(ring.Keys.Ring));
    }

    [Fact]
    public async Task Claim_ForeignElementInTheRing_IsDroppedNotHandedOut()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(3));
        await Database.ListLeftPushAsync(ring.Keys.Ring, "stranger");

        var claimed = await RunCycleAsync(ring);

        Assert.DoesNotContain("stranger", claimed);
        Assert.True((await ring.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Keys_OfOneSchedule_ShareOneHashSlot()
    {
        var ring = NewRing();
        await ring.EnrolAsync(Ids(3));
        await ring.ClaimAsync(Claim(2));

        var slots = new List<int>();
        var server = Endpoint.Connection.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: "*" + ring.Schedule + "*"))
        {
            slots.Add(Endpoint.Connection.HashSlot(key));
        }

        Assert.True(slots.Count >= 5);
        Assert.Single(slots.Distinct());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("br{ace}")]
    [InlineData("a-name-that-is-far-too-long-for-a-schedule-name-because-it-goes-on")]
    public void Constructor_BadScheduleName_Throws(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScheduleRing(Database, name));

        Assert.Contains("schedule name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyPrefixWithBraces_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ScheduleRing(Database, "users", "pre{fix}"));
    }

    [Fact]
    public async Task Claim_BadRequest_ThrowsBeforeTouchingRedis()
    {
        var ring = NewRing();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ring.ClaimAsync(new ClaimRequest(-1, 10, Lease)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ring.ClaimAsync(new ClaimRequest(10, 0, Lease)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => ring.ClaimAsync(new ClaimRequest(10, 10, TimeSpan.Zero)));
        Assert.Equal(0, await KeyCountAsync(ring));
    }
}
