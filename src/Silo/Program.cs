using Microsoft.Extensions.Options;
using Scheduler.Silo;

if (args is [HealthCheck.Flag])
{
    return await HealthCheck.RunAsync().ConfigureAwait(false);
}

try
{
    var app = SiloApp.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or RedisUnavailableException)
{
    // One line naming the setting is the whole diagnosis; a stack trace would only bury it.
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 1;
}
