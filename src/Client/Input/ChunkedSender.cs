using Scheduler.Ring;

namespace Scheduler.Client.Input;

/// <summary>
/// Streams ids to the cluster in chunks, with a few chunks in flight at once. Every id of a chunk is checked before
/// the chunk is sent, so a bad id stops the run with nothing of its chunk written.
/// </summary>
internal static class ChunkedSender
{
    /// <summary>Chunks sent and not yet answered; enough to hide the round trip, few enough to bound memory.</summary>
    private const int MaxInFlight = 4;

    /// <summary>
    /// Sends every chunk with <paramref name="send"/> and returns the answers in order. Throws
    /// <see cref="UsageException"/> at the first bad id, after the chunks before it have been answered.
    /// </summary>
    public static async Task<IReadOnlyList<T>> SendAsync<T>(
        IdReader reader,
        int chunkSize,
        Func<IReadOnlyList<string>, Task<T>> send,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        var answers = new List<T>();
        var pending = new Queue<(Task<T> Task, int Count)>();
        long sent = 0;

        await foreach (var chunk in reader.ReadChunksAsync(chunkSize, cancellationToken).ConfigureAwait(false))
        {
            var problem = FirstProblem(chunk);
            if (problem is not null)
            {
                while (pending.Count > 0)
                {
                    answers.Add(await pending.Dequeue().Task.ConfigureAwait(false));
                }

                var written = sent == 0 ? "nothing was written" : $"the {sent:N0} ids before its chunk were sent";
                throw new UsageException(
                    $"{problem}; nothing of its chunk ({chunk[0].Where} to {chunk[^1].Where}) was written, "
                    + $"{written}.");
            }

            while (pending.Count >= MaxInFlight)
            {
                answers.Add(await pending.Dequeue().Task.ConfigureAwait(false));
            }

            pending.Enqueue((send(chunk.Select(e => e.Id).ToArray()), chunk.Count));
            sent += chunk.Count;
            progress?.Invoke(sent);
        }

        while (pending.Count > 0)
        {
            answers.Add(await pending.Dequeue().Task.ConfigureAwait(false));
        }

        return answers;
    }

    /// <summary>
    /// Sends chunks whose ids need no checking (legacy user ids, which are positive integers) with
    /// <paramref name="send"/>, the same few at a time, and returns the answers in order.
    /// </summary>
    public static async Task<IReadOnlyList<T>> SendAsync<T>(
        IAsyncEnumerable<IReadOnlyList<string>> chunks,
        Func<IReadOnlyList<string>, Task<T>> send,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        var answers = new List<T>();
        var pending = new Queue<Task<T>>();
        long sent = 0;

        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            while (pending.Count >= MaxInFlight)
            {
                answers.Add(await pending.Dequeue().ConfigureAwait(false));
            }

            pending.Enqueue(send(chunk));
            sent += chunk.Count;
            progress?.Invoke(sent);
        }

        while (pending.Count > 0)
        {
            answers.Add(await pending.Dequeue().ConfigureAwait(false));
        }

        return answers;
    }

    private static string? FirstProblem(IReadOnlyList<IdEntry> chunk)
    {
        foreach (var entry in chunk)
        {
            if (RecordIds.Problem(entry.Id) is { } problem)
            {
                return $"{entry.Where}: the record id {Describe(entry.Id)} {problem}";
            }
        }

        return null;
    }

    /// <summary>A short, printable rendering of an id that may be huge or full of control characters.</summary>
    internal static string Describe(string id)
    {
        var shown = new string(id.Take(40).Select(c => char.IsControl(c) || char.IsWhiteSpace(c) ? '?' : c)
            .ToArray());
        return id.Length > 40 ? $"\"{shown}…\"" : $"\"{shown}\"";
    }
}
