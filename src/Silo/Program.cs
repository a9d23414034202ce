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
catch (OptionsValidationException ex)
{
    // One line naming the setting is the whole diagnosis; a stack trace would only bury it.
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 1;
}
