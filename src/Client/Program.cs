using Scheduler.Client;

return await ClientApp.RunAsync(args, Console.Out, Console.Error, Console.In).ConfigureAwait(false);
