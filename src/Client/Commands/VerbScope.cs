using System.CommandLine;
using Scheduler.Client.Connection;
using Spectre.Console;

namespace Scheduler.Client.Commands;

/// <summary>One verb's run: its parsed command line, its schedule and a connection opened on first use.</summary>
internal sealed class VerbScope(ClientContext context, GlobalOptions options, ParseResult parse) : IAsyncDisposable
{
    private ClusterSession? _session;

    public ParseResult Parse => parse;

    public string Schedule => parse.GetValue(options.Schedule)!;

    public TextWriter Stdout => context.Stdout;

    public TextReader Stdin => context.Stdin;

    public IAnsiConsole Out => context.Out;

    public IAnsiConsole Err => context.Err;

    /// <summary>The cluster's grains; connects on the first call, so input is checked before any connection.</summary>
    public async Task<IGrainFactory> GrainsAsync(CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            var settings = ConnectionSettings.Resolve(context.Configuration, parse.GetValue(options.Redis),
                parse.GetValue(options.Gateway), parse.GetValue(options.ClusterId), parse.GetValue(options.ServiceId));
            var timeout = TimeSpan.FromSeconds(parse.GetValue(options.ConnectTimeout));
            _session = await context.Connect(settings, timeout, cancellationToken).ConfigureAwait(false);
        }

        return _session.Grains;
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
