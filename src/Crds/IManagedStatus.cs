namespace NeevCloud.Crds;

/// <summary>The status of a cloud-backed resource: its conditions, and the deletion policy in effect.</summary>
public interface IManagedStatus : IConditionedStatus
{
    DeletionPolicy? DeletionPolicy { get; set; }
}
