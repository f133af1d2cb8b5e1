namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// What the lifecycle asks a kind to look for in the cloud: the resource with a known id (as fresh as the
/// kind's own refresh cadence wants), or — when a create of ours may have happened without its answer reaching
/// us — a resource that this object's create would have made since <see cref="CreatedSince"/>, seen by a
/// listing that started no earlier than <see cref="ListedAfter"/> (so that a create the cloud committed late
/// is in it).
/// </summary>
public sealed record ExternalLookup(string? ExternalId, DateTimeOffset? CreatedSince, DateTimeOffset? ListedAfter)
{
    public static ExternalLookup ById(string externalId) => new(externalId, null, null);

    public static ExternalLookup CreatedBy(DateTimeOffset createdSince, DateTimeOffset listedAfter) => new(null, createdSince, listedAfter);
}
