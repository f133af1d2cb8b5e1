namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>A deletion asked of the cloud (or already under way): what to report, and when to look whether it is done.</summary>
public sealed record ExternalDeletion(Readiness Readiness, TimeSpan RecheckAfter);
