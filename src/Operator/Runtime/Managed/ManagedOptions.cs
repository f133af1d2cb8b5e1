namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>Configuration section "Operator:Lifecycle": how the managed-resource lifecycle treats unknown outcomes.</summary>
public sealed class ManagedOptions
{
    public const string SectionName = "Operator:Lifecycle";

    /// <summary>
    /// How long after a create whose answer was lost (a timeout, a 5xx, a crash) the cloud may still commit it.
    /// Nothing is created again before a look-up that started after this has not found it. It must cover the
    /// client's whole call (NeevCloud:Timeouts:Total) plus the slowest commit the cloud is known for.
    /// </summary>
    public TimeSpan CreateGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the cloud is asked again while a create's outcome is unknown (until it shows up or the grace period ends).</summary>
    public TimeSpan LookupInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far the operator's clock may be from the cloud's when comparing creation times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
