namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// What a kind saw of its cloud resource. The kind writes what it saw into the object's status itself; this
/// tells the lifecycle what to do next: whether the resource exists (a deleted-but-still-listed VM does not),
/// its id (when found by a look-up), whether it matches the spec, the verdict to report, and how soon to
/// look again.
/// </summary>
public sealed record ExternalObservation
{
    public required bool Exists { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>False when the kind has a step to take (a start, a rename); the lifecycle then calls its update.</summary>
    public bool UpToDate { get; init; } = true;

    /// <summary>The conditions to report; for a resource that does not exist, why (e.g. deleted outside the operator).</summary>
    public Readiness? Readiness { get; init; }

    /// <summary>How soon to look again, when sooner than the stable refresh (the resource is moving).</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>The kind's own view of the resource (what the cloud answered), handed back to its update and delete.</summary>
    public object? Resource { get; init; }

    /// <summary>
    /// The kind retired the resource with the known id on purpose (a replacement deleted it) and wants its successor:
    /// the lifecycle creates one as it creates a first one, intent first. A deletion sees it as gone.
    /// </summary>
    public bool Retired { get; init; }

    public static ExternalObservation Missing(Readiness? why = null) => new() { Exists = false, Readiness = why };

    public static ExternalObservation Successor(Readiness readiness) => new() { Exists = false, Retired = true, Readiness = readiness };

    public static ExternalObservation Found(
        string externalId, Readiness readiness, bool upToDate = true, TimeSpan? requeueAfter = null, object? resource = null) =>
        new() { Exists = true, ExternalId = externalId, Readiness = readiness, UpToDate = upToDate, RequeueAfter = requeueAfter, Resource = resource };
}
