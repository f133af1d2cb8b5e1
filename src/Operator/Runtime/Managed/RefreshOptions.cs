namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// Configuration section "Operator:Refresh": how often resources are looked at again. Fast while
/// something is changing so status follows the cloud within seconds, slow when stable so
/// thousands of resources cost few calls.
/// </summary>
public sealed class RefreshOptions
{
    public const string SectionName = "Operator:Refresh";

    public TimeSpan Stable { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Transitioning { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// VM status from one paginated LIST per project, shared by its VMs (true, the default). False
    /// asks the cloud with one GET per VM per refresh, as a naive operator would: only for the
    /// benchmark's baseline.
    /// </summary>
    public bool ListPerProject { get; set; } = true;

    /// <summary>How soon a blocked deletion (dependents, cloud 409) is looked at again.</summary>
    public TimeSpan Blocked { get; set; } = TimeSpan.FromSeconds(10);
}
