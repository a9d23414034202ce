namespace Scheduler.Client.Input;

/// <summary>A record id read from the input and where it was read, for error messages.</summary>
/// <param name="Id">The id as read.</param>
/// <param name="Where">Where it came from: "argument 2", "line 7 of ids.txt", "line 3 of stdin".</param>
internal sealed record IdEntry(string Id, string Where);
