namespace NeevCloud.Operator.Cloud;

/// <summary>ResourceState of the Tenant API; <see cref="Unknown"/> is any value the API adds later.</summary>
public enum ProjectStatus
{
    Unknown,
    Active,
    Suspended,
    Archived,
    Inactive,
}
