namespace NeevCloud.Operator.Runtime;

/// <summary>Configuration section "Operator:LeaderElection".</summary>
public sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Namespace of the Lease; defaults to the pod's namespace (POD_NAMESPACE or the service account's).</summary>
    public string? Namespace { get; set; }

    public string LeaseName { get; set; } = "neev-operator-leader";

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
