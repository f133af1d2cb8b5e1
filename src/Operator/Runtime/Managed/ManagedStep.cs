namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>Which step of the lifecycle a failure happened in; the same cloud answer means different things in each.</summary>
public enum ManagedStep
{
    Observe,
    Create,
    Update,
    Delete,
}
