namespace Scheduler.Ring;

/// <summary>The outcome of an enrolment.</summary>
/// <param name="Added">Ids that were not enrolled before.</param>
/// <param name="AlreadyEnrolled">Ids that were enrolled already and were left as they were.</param>
public sealed record EnrolResult(int Added, int AlreadyEnrolled);
