namespace Scheduler.Client.Tests;

/// <summary>Bad command lines and bad input: the right exit code, one clear line, and nothing written.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture cluster)
{
    private const string Schedule = "bad";

    public static TheoryData<string[], int, string> BadCommandLines => new()
    {
        { ["add", ""], 2, "argument 1: the record id \"\" is empty" },
        { ["add", "ok-1", new string('x', 600)], 2, "argument 2: the record id \"xxxx" },
        { ["add", "ok-1", "bad\u0001id"], 2, "control character U+0001" },
        { ["add", "tab\tid"], 2, "control character U+0009" },
        { ["add", "ok-1", "two words"], 2, "contains whitespace (U+0020)" },
        { ["add", "nbsp\u00a0id"], 2, "contains whitespace (U+00A0)" },
        { ["add", "ok", "line\nbreak"], 2, "control character U+000A" },
        { ["add", "--file", "/no/such/ids.txt"], 2, "The file /no/such/ids.txt does not exist." },
        { ["add", "--file", "ids.txt", "also-an-arg"], 2, "not both" },
        { ["add"], 2, "Give ids as arguments, or --file PATH" },
        { ["add", "--chunk-size", "-5", "a"], 2, "--chunk-size must be at least 1 (was -5)" },
        { ["add", "--chunk-size", "0", "a"], 2, "--chunk-size must be at least 1 (was 0)" },
        { ["add", "--chunk-size", "many", "a"], 2, "Cannot parse argument 'many'" },
        { ["add", "--schedule", "no/such", "a"], 2, "The schedule name \"no/such\" is not valid" },
        { ["add", "--schedule", "", "a"], 2, "is not valid" },
        { ["add", "--schedule", new string('s', 65), "a"], 2, "is not valid" },
        { ["add", "--schedule", "unconfigured", "a"], 2, "The schedule \"unconfigured\" is not configured" },
        { ["status", "--schedule", "a{b}"], 2, "is not valid" },
        { ["frobnicate"], 2, "Unrecognized command or argument 'frobnicate'" },
        { [], 2, "Required command was not provided" },
        { ["add", "--no-such-option", "a"], 2, "Unrecognized option '--no-such-option'" },
        { ["refresh"], 2, "Required argument missing" },
        { ["refresh", "ok", "bad id"], 2, "argument 2: the record id" },
        { ["cycle", "--wait", "--timeout", "-3"], 2, "--timeout must be a number above 0 (was -3)" },
        { ["watch", "--interval", "0"], 2, "--interval must be a number above 0 (was 0)" },
        { ["parked", "--max", "-1"], 2, "--max must be at least 1 (was -1)" },
        { ["status", "--connect-timeout", "nan"], 2, "--connect-timeout must be a number above 0" },
        { ["status", "--gateway", "nohost"], 2, "is not host:port" },
        { ["status", "--gateway", "localhost:70000"], 2, "is not host:port" },
        { ["status", "--redis", "r:1", "--gateway", "g:2"], 2, "Give either --redis or --gateway, not both." },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task Run_BadCommandLine_ExitsWithOneClearLineAndWritesNothing(
        string[] args,
        int expectedCode,
        string expectedMessage)
    {
        var run = await cluster.RunAsync(args.Contains("--schedule") ? args : [.. args, "--schedule", Schedule]);

        Assert.True(expectedCode == run.ExitCode, run.ToString());
        Assert.Single(run.ErrorLines);
        Assert.Contains(expectedMessage, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Equal(0, await cluster.EnrolledAsync(Schedule));
    }

    [Fact]
    public async Task Add_FileWithWhitespaceInALine_NamesTheLineAndWritesNothingOfTheChunk()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, ["good-1", "good-2", "bad id", "good-4"]);

            var run = await cluster.RunAsync("add", "-s", Schedule, "--file", path);

            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith($"line 3 of {path}: the record id \"bad?id\" contains whitespace", line,
                StringComparison.Ordinal);
            Assert.Contains("nothing was written", line, StringComparison.Ordinal);
            Assert.Equal(0, await cluster.EnrolledAsync(Schedule));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Add_StdinWithAControlCharacter_NamesTheLineOfStdin()
    {
        var run = await cluster.RunAsync(["add", "-s", Schedule, "-"], "one\ntwo\nth\u001bree\n");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("line 3 of stdin: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, await cluster.EnrolledAsync(Schedule));
    }
}
