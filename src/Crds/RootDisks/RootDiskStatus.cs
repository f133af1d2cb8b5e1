using System.Text.Json.Serialization;

namespace NeevCloud.Crds.RootDisks;

/// <summary>The observed state of the NeevCloud root disk, written by the operator.</summary>
public sealed class RootDiskStatus : ConditionedStatus
{
    /// <summary>The organization of the cloud project that owns the disk.</summary>
    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; set; }

    /// <summary>The id of the cloud project that owns the disk.</summary>
    [JsonPropertyName("projectId")]
    public string? ProjectId { get; set; }

    /// <summary>The disk's lifecycle status as NeevCloud reports it: pending, provisioning, ready, failed or deleting.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>NeevCloud's detail about the current status.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>The disk size in GB.</summary>
    [JsonPropertyName("sizeGb")]
    public int? SizeGb { get; set; }

    /// <summary>The platform image the disk was cloned from.</summary>
    [JsonPropertyName("imageId")]
    public string? ImageId { get; set; }

    /// <summary>The region the disk lives in.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>The volume mode, e.g. filesystem or block.</summary>
    [JsonPropertyName("volumeMode")]
    public string? VolumeMode { get; set; }

    /// <summary>The product plan the disk is billed under.</summary>
    [JsonPropertyName("planId")]
    public string? PlanId { get; set; }

    /// <summary>Whether NeevCloud reports the disk as attached to a VM.</summary>
    [JsonPropertyName("attached")]
    public bool? Attached { get; set; }

    /// <summary>The id of the cloud VM the disk is attached to, if any.</summary>
    [JsonPropertyName("vmId")]
    public string? VmId { get; set; }

    /// <summary>The VirtualMachine resource (in this namespace) the disk is attached to, when known.</summary>
    [JsonPropertyName("attachedTo")]
    public string? AttachedTo { get; set; }
}
