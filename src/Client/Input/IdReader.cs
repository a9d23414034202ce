using System.Runtime.CompilerServices;

namespace Scheduler.Client.Input;

/// <summary>
/// Reads record ids from the command's arguments, a file (one id per line) or stdin, keeping where each id came
/// from. Empty lines are skipped; any other line is an id as it stands, so whitespace inside a line is an error.
/// </summary>
internal sealed class IdReader : IDisposable
{
    private const string Stdin = "-";

    private readonly IReadOnlyList<string>? _arguments;
    private readonly TextReader? _reader;
    private readonly Stream? _stream;
    private readonly string _name;

    private IdReader(IReadOnlyList<string>? arguments, TextReader? reader, Stream? stream, string name)
    {
        _arguments = arguments;
        _reader = reader;
        _stream = stream;
        _name = name;
    }

    /// <summary>How much input there is, in ids or bytes, when known.</summary>
    public double? Total => _arguments is not null ? _arguments.Count : _stream?.Length;

    /// <summary>How far reading has come, in the unit of <see cref="Total"/>.</summary>
    public double Position { get; private set; }

    /// <summary>
    /// Opens the source the command line names: ids as arguments, or <c>--file PATH</c>, where <c>-</c> (as the
    /// path or as the only argument) is stdin. Throws <see cref="UsageException"/> when there is none, when both
    /// are given, or when the file cannot be opened.
    /// </summary>
    public static IdReader Open(IReadOnlyList<string> arguments, string? file, TextReader stdin)
    {
        if (file is null && arguments is [Stdin])
        {
            file = Stdin;
        }

        if (file is not null && arguments.Count > 0 && arguments is not [Stdin])
        {
            throw new UsageException("Give ids as arguments or with --file, not both.");
        }

        if (file is null)
        {
            return arguments.Count > 0
                ? new IdReader(arguments, null, null, "arguments")
                : throw new UsageException("Give ids as arguments, or --file PATH (- for stdin).");
        }

        if (file == Stdin)
        {
            return new IdReader(null, stdin, null, "stdin");
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.SequentialScan);
            return new IdReader(null, new StreamReader(stream), stream, file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"The file {file} does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"The file {file} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the ids in chunks of at most <paramref name="size"/>.</summary>
    public async IAsyncEnumerable<IReadOnlyList<IdEntry>> ReadChunksAsync(
        int size,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<IdEntry>(Math.Min(size, 10_000));
        await foreach (var entry in ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(entry);
            if (chunk.Count == size)
            {
                yield return chunk;
                chunk = new List<IdEntry>(Math.Min(size, 10_000));
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Stdin belongs to the caller; only a file opened here is closed.
        if (_stream is not null)
        {
            _reader?.Dispose();
        }
    }

    private async IAsyncEnumerable<IdEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_arguments is not null)
        {
            for (var i = 0; i < _arguments.Count; i++)
            {
                Position = i + 1;
                yield return new IdEntry(_arguments[i], $"argument {i + 1}");
            }

            yield break;
        }

        var line = 0;
        while (await _reader!.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            Position = _stream?.Position ?? line;
            if (text.Length > 0)
            {
                yield return new IdEntry(text, $"line {line} of {_name}");
            }
        }
    }
}
